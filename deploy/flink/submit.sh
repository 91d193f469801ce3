#!/usr/bin/env bash
# Submits a runtimeslicer command as a job to the cluster (Flink's client, over its REST API) and
# prints the job id. The command runs as it would with the CLI jar, but on the cluster's slots.
#
#   deploy/flink/submit.sh detect --bundle DIR --bootstrap HOST:PORT [--set key=value ...]
#   deploy/flink/submit.sh --from-savepoint file:///.../savepoint-xxxx detect ...   # resume
#
# The same jar goes to any Flink 2.2 cluster with Flink's own client:
#   flink run -d -c dev.runtimeslicer.jobs.cli.ClusterMain jobs/target/runtimeslicer-flink.jar detect ...
# The bundle is a path on every TaskManager or a Flink file system URI; checkpoints go to the cluster's
# execution.checkpointing.dir unless --set checkpoint.directory=URI names another.
#
# Environment: FLINK_CLUSTER_DIR (deploy/flink/run), RUNTIMESLICER_FLINK_JAR (jobs/target/runtimeslicer-flink.jar).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=cluster-env.sh
source "$HERE/cluster-env.sh"

run_options=(-d)
while (( $# )); do
  case "$1" in
    --from-savepoint) [[ -n "${2:-}" ]] || die "--from-savepoint needs a savepoint or retained checkpoint path"
      run_options+=(-s "$2"); shift 2 ;;
    -h|--help) awk 'NR > 1 && /^#/ { print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) break ;;
  esac
done
(( $# )) || die "name a command to run, e.g. 'detect --bundle DIR --bootstrap HOST:PORT'"
[[ -f "$JOB_JAR" ]] || die "no job jar at $JOB_JAR; build it with: mvn -q package -DskipTests -pl jobs -am"

output="$(flink_cli run "${run_options[@]}" -c dev.runtimeslicer.jobs.cli.ClusterMain "$JOB_JAR" "$@" 2>&1)" \
  || { echo "$output" >&2; die "the job was not submitted; client log: $LOG_DIR/client.log"; }
job_id="$(grep -o 'JobID [0-9a-f]\{32\}' <<<"$output" | head -n 1 | cut -d' ' -f2)"
[[ -n "$job_id" ]] || { echo "$output" >&2; die "the client reported no job id; client log: $LOG_DIR/client.log"; }
echo "$job_id"
