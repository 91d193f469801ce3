#!/usr/bin/env bash
# The README's run command, from a fresh checkout with only Java 17 and Maven: builds the CLI jar if
# it is missing or older than the sources, then runs the demo (java -jar tools/target/runtimeslicer.jar demo). The demo starts
# the local Kafka broker (deploy/kafka), simulates a training period with labeled faults, slices it,
# trains and tunes a small bundle, publishes a new simulated period as OTLP to Kafka, detects
# failures on it with the streaming job on a Flink MiniCluster (alerts printed as they fire),
# scores the alerts against the period's labels and stops the broker it started. Files: out/demo/.
#
#   ./deploy/local/run.sh                          # online-shop, about 2 minutes after the build
#   ./deploy/local/run.sh --system ticketing       # any option of 'demo --help'
#
# Environment: KAFKA_PORT (9092), KAFKA_CONTROLLER_PORT (9093).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/tools/target/runtimeslicer.jar"

command -v java >/dev/null || { echo "run.sh: java not found on PATH (Java 17+ needed)" >&2; exit 1; }
# Build when the jar is missing or any source or build file is newer than it (a pulled change).
stale() {
  [[ ! -f "$JAR" ]] && return 0
  [[ -n "$(find "$ROOT/pom.xml" "$ROOT"/*/pom.xml "$ROOT"/*/src/main -newer "$JAR" -type f -print -quit 2>/dev/null)" ]]
}
if stale; then
  command -v mvn >/dev/null || { echo "run.sh: $JAR is missing or older than the sources, and mvn is not on PATH to build it" >&2; exit 1; }
  echo "Building the runtimeslicer jar (sources changed or first run; the first build takes a few minutes) ..."
  (cd "$ROOT" && mvn -B -q -ntp -Dstyle.color=never package -DskipTests)
fi

# exec: Ctrl-C reaches the demo's JVM directly, whose shutdown hook stops the broker it started.
exec java -jar "$JAR" demo --repo "$ROOT" --work "$ROOT/out/demo" \
  --kafka-port "${KAFKA_PORT:-9092}" --kafka-controller-port "${KAFKA_CONTROLLER_PORT:-9093}" "$@"
