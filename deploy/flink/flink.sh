#!/usr/bin/env bash
# Flink's command-line client against the cluster started by start.sh, e.g.
#
#   deploy/flink/flink.sh list
#   deploy/flink/flink.sh stop --savepointPath file:///path/savepoints JOB_ID   # stop with a savepoint
#   deploy/flink/flink.sh cancel JOB_ID
#
# Environment: FLINK_CLUSTER_DIR (deploy/flink/run).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=cluster-env.sh
source "$HERE/cluster-env.sh"
flink_cli "$@"
