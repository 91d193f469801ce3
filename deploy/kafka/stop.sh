#!/usr/bin/env bash
# Stops the broker started by start.sh: SIGTERM (controlled shutdown), SIGKILL after a bounded wait.
#
#   deploy/kafka/stop.sh            # stop, keep topics and data
#   deploy/kafka/stop.sh --clean    # stop and delete deploy/kafka/data/ (topics, logs, config)
#
# Environment: KAFKA_STOP_TIMEOUT seconds to wait for a graceful stop (30).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="$HERE/data"
PID_FILE="$DATA/kafka.pid"
STOP_TIMEOUT="${KAFKA_STOP_TIMEOUT:-30}"

clean=false
for arg in "$@"; do
  case "$arg" in
    --clean) clean=true ;;
    -h|--help) sed -n '2,7p' "$0"; exit 0 ;;
    *) echo "stop.sh: unknown argument '$arg' (only --clean)" >&2; exit 2 ;;
  esac
done

# True when the pid file names a live kafka.Kafka process (a recycled pid must not be killed).
running_pid() {
  [[ -f "$PID_FILE" ]] || return 1
  local pid
  pid="$(cat "$PID_FILE")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  ps -ww -p "$pid" -o args= 2>/dev/null | grep -q 'kafka\.Kafka' || return 1
  echo "$pid"
}

wait_gone() {
  local pid=$1 deadline=$((SECONDS + $2))
  while kill -0 "$pid" 2>/dev/null; do
    (( SECONDS < deadline )) || return 1
    sleep 0.5
  done
}

if pid="$(running_pid)"; then
  echo "Stopping Kafka (pid $pid) ..."
  kill -TERM "$pid" 2>/dev/null || true
  if wait_gone "$pid" "$STOP_TIMEOUT"; then
    echo "Kafka stopped."
  else
    echo "Kafka did not stop within ${STOP_TIMEOUT}s; killing it." >&2
    kill -KILL "$pid" 2>/dev/null || true
    wait_gone "$pid" 10 || { echo "stop.sh: pid $pid survived SIGKILL" >&2; exit 1; }
    echo "Kafka killed."
  fi
else
  echo "Kafka is not running."
fi
rm -f "$PID_FILE"

if $clean; then
  rm -rf -- "$DATA"
  echo "Deleted $DATA"
fi
