#!/usr/bin/env bash
# RuntimeSlicer on an embedded default, from a fresh checkout: builds the CLI jar if needed, starts
# a local Kafka broker (KRaft, from Maven jars), lets a simulated online shop with injected faults
# publish OTLP protobuf to the Collector's default topics, and runs the slicing job on a Flink
# MiniCluster over them. Slices land in out/local/slices/, bad input in out/local/dead-letters/,
# the ground-truth faults in out/local/labels.jsonl. Stops the broker it started.
#
# Environment: SYSTEM (online-shop | ticketing | social-network), DURATION (20m), FAULTS (2),
# SEED (1), KAFKA_PORT (9092).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
JAR="$ROOT/jobs/target/runtimeslicer.jar"
OUT="$ROOT/out/local"
SYSTEM="${SYSTEM:-online-shop}"
DURATION="${DURATION:-20m}"
FAULTS="${FAULTS:-2}"
SEED="${SEED:-1}"
BOOTSTRAP="127.0.0.1:${KAFKA_PORT:-9092}"

if [[ ! -f "$JAR" ]]; then
  echo "Building the runtimeslicer jar (first run only) ..."
  (cd "$ROOT" && mvn -B -q -ntp package -DskipTests)
fi

started_here=false
if start_output="$("$ROOT/deploy/kafka/start.sh")"; then
  echo "$start_output"
  [[ "$start_output" == *"already running"* ]] || started_here=true
else
  exit 1
fi
cleanup() {
  if $started_here; then
    "$ROOT/deploy/kafka/stop.sh" --clean >/dev/null && echo "Stopped the local Kafka broker."
  fi
}
trap cleanup EXIT
if ! $started_here; then
  echo "Note: using a broker that was already running; earlier telemetry on its topics is sliced too."
fi
"$ROOT/deploy/kafka/topics.sh" >/dev/null

rm -rf "$OUT" && mkdir -p "$OUT"
# Simulated time ends now, so timestamps look like fresh telemetry to the job's clock checks.
minutes="${DURATION%m}"
if [[ "$DURATION" == *m && "$minutes" =~ ^[0-9]+$ ]]; then
  start="$(date -u -d "@$(( $(date +%s) / 60 * 60 - minutes * 60 ))" +%Y-%m-%dT%H:%M:%SZ)"
else
  start="$(date -u -d "@$(( $(date +%s) / 60 * 60 - 3600 ))" +%Y-%m-%dT%H:%M:%SZ)"
fi
echo "Simulating $DURATION of $SYSTEM with $FAULTS faults into Kafka at $BOOTSTRAP ..."
java -jar "$JAR" simulate --system "$SYSTEM" --duration "$DURATION" --faults "$FAULTS" --seed "$SEED" \
  --bootstrap "$BOOTSTRAP" --speed 0 --start "$start" --labels "$OUT/labels.jsonl"

echo "Slicing the topics on a Flink MiniCluster ..."
java -jar "$JAR" slices --bootstrap "$BOOTSTRAP" --bounded --out "$OUT" --set "kafka.group-id=local-run-$(date +%s)"

echo
echo "Injected faults (ground truth):"
cat "$OUT/labels.jsonl"
echo
echo "First slice, abridged:"
head -c 600 "$(ls "$OUT"/slices/*.jsonl | head -1)"; echo " ..."
