#!/usr/bin/env bash
# Creates RuntimeSlicer's topics on the broker started by start.sh (existing topics are left alone).
#
#   deploy/kafka/topics.sh                  # the default topics below
#   deploy/kafka/topics.sh my_topic other   # just these
#
# Environment: KAFKA_PORT (9092), KAFKA_TOPIC_PARTITIONS (1).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIB="$HERE/lib"
TOOLS_LOG_CONFIG="$HERE/data/config/tools-log4j2.properties"
BOOTSTRAP="127.0.0.1:${KAFKA_PORT:-9092}"
PARTITIONS="${KAFKA_TOPIC_PARTITIONS:-1}"

if (( $# > 0 )); then
  topics=("$@")
else
  topics=(otlp_metrics otlp_spans otlp_logs runtimeslicer-slices runtimeslicer-dead-letter runtimeslicer-alerts)
fi

compgen -G "$LIB/kafka-tools-*.jar" >/dev/null || { echo "topics.sh: $LIB is missing; run start.sh first" >&2; exit 1; }
[[ -f "$TOOLS_LOG_CONFIG" ]] || { echo "topics.sh: $TOOLS_LOG_CONFIG is missing; run start.sh first" >&2; exit 1; }

for topic in "${topics[@]}"; do
  # The otlp_* names (the OpenTelemetry Collector's defaults) use '_', which TopicCommand always warns about.
  # Short-lived JVMs: C1 only and a small heap roughly halve the start-up cost per call.
  java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$TOOLS_LOG_CONFIG" -cp "$LIB/*" \
    org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" \
    --create --if-not-exists --topic "$topic" --partitions "$PARTITIONS" --replication-factor 1 \
    | { grep -v "^WARNING: Due to limitations in metric names" || true; }
done
echo "Topics on $BOOTSTRAP:"
java -Xmx256m -XX:TieredStopAtLevel=1 -Dlog4j2.configurationFile="$TOOLS_LOG_CONFIG" -cp "$LIB/*" \
  org.apache.kafka.tools.TopicCommand --bootstrap-server "$BOOTSTRAP" --list | sed 's/^/  /'
