#!/usr/bin/env bash
# Stops the cluster started by start.sh: TaskManagers, then the JobManager (SIGTERM, SIGKILL after a
# bounded wait). Running jobs end with it; stop them with a savepoint first to resume them later
# (deploy/flink/flink.sh stop --savepointPath DIR JOB).
#
#   deploy/flink/stop.sh            # stop, keep checkpoints, savepoints and logs
#   deploy/flink/stop.sh --clean    # stop and delete the cluster directory (deploy/flink/run)
#
# Environment: FLINK_CLUSTER_DIR (deploy/flink/run), FLINK_STOP_TIMEOUT seconds per process (30).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=cluster-env.sh
source "$HERE/cluster-env.sh"
STOP_TIMEOUT="${FLINK_STOP_TIMEOUT:-30}"

clean=false
for arg in "$@"; do
  case "$arg" in
    --clean) clean=true ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) die "unknown argument '$arg' (only --clean)" ;;
  esac
done

stop_process() {
  local file=$1 pattern=$2 name pid deadline
  name="$(basename "$file" .pid)"
  if pid="$(running_pid "$file" "$pattern")"; then
    kill -TERM "$pid" 2>/dev/null || true
    deadline=$((SECONDS + STOP_TIMEOUT))
    while kill -0 "$pid" 2>/dev/null && (( SECONDS < deadline )); do sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      echo "$name (pid $pid) did not stop within ${STOP_TIMEOUT}s; killing it." >&2
      kill -KILL "$pid" 2>/dev/null || true
    fi
    echo "Stopped $name (pid $pid)."
  fi
  rm -f "$file"
}

shopt -s nullglob
for file in "$PID_DIR"/taskmanager-*.pid; do
  stop_process "$file" TaskManagerRunner
done
stop_process "$PID_DIR/jobmanager.pid" StandaloneSessionClusterEntrypoint
# Unpacked RPC jars, blobs and web uploads; a killed process leaves them behind.
rm -rf "$TMP_DIR"

if $clean; then
  rm -rf -- "$CLUSTER_DIR"
  echo "Deleted $CLUSTER_DIR"
fi
