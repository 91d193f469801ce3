package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.Comparator;

/**
 * A total order on the content of telemetry records: two records compare equal only when every
 * field the slicer reads is equal, so records sorted by it are in one order whatever order they
 * arrived in. Written out field by field, as no record type of OTLP or Flink defines one.
 */
final class TelemetryContentOrder implements Comparator<TelemetryRecord> {

  static final TelemetryContentOrder INSTANCE = new TelemetryContentOrder();

  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());
  private static final Comparator<TelemetryRecord> COMMON =
      Comparator.<TelemetryRecord>comparingLong(r -> r.timestampMs)
          .thenComparingInt(r -> r.signal.ordinal())
          .thenComparing(r -> r.service, TEXT)
          .thenComparing(r -> r.instance, TEXT);
  private static final Comparator<MetricPoint> METRICS =
      Comparator.<MetricPoint, String>comparing(m -> m.name, TEXT)
          .thenComparingDouble(m -> m.value);
  private static final Comparator<SpanRecord> SPANS =
      Comparator.<SpanRecord>comparingLong(s -> s.traceIdHigh)
          .thenComparingLong(s -> s.traceIdLow)
          .thenComparingLong(s -> s.spanId)
          .thenComparingLong(s -> s.parentSpanId)
          .thenComparing(s -> s.operation, TEXT)
          .thenComparingInt(s -> s.kind)
          .thenComparingDouble(s -> s.durationMs)
          .thenComparingInt(s -> s.statusCode)
          .thenComparingInt(s -> s.httpStatusCode)
          .thenComparingInt(s -> s.rpcStatusCode)
          .thenComparing(s -> s.peerService, TEXT);
  private static final Comparator<LogRecord> LOGS =
      Comparator.<LogRecord>comparingInt(l -> l.severityNumber)
          .thenComparing(l -> l.severityText, TEXT)
          .thenComparing(l -> l.body, TEXT)
          .thenComparing(l -> l.traceId, TEXT);

  private TelemetryContentOrder() {}

  @Override
  public int compare(TelemetryRecord a, TelemetryRecord b) {
    int c = COMMON.compare(a, b);
    if (c != 0) {
      return c;
    }
    return switch (a.signal) {
      case METRIC -> METRICS.compare(a.metric, b.metric);
      case SPAN -> SPANS.compare(a.span, b.span);
      case LOG -> LOGS.compare(a.log, b.log);
    };
  }
}
