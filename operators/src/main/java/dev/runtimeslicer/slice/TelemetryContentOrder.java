package dev.runtimeslicer.slice;

import dev.runtimeslicer.telemetry.LogRecord;
import dev.runtimeslicer.telemetry.MetricPoint;
import dev.runtimeslicer.telemetry.SpanRecord;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.util.Comparator;

/**
 * A total order on the content of telemetry records: two records compare equal only when every
 * field the slicer reads is equal, so records sorted by it are in one order whatever order they
 * arrived in. Written out field by field, as no record type of OTLP or Flink defines one.
 */
final class TelemetryContentOrder implements Comparator<TelemetryRecord> {

  static final TelemetryContentOrder INSTANCE = new TelemetryContentOrder();

  private static final Comparator<String> TEXT = Comparator.nullsFirst(Comparator.naturalOrder());

  private TelemetryContentOrder() {}

  @Override
  public int compare(TelemetryRecord a, TelemetryRecord b) {
    int c = Long.compare(a.timestampMs, b.timestampMs);
    if (c == 0) {
      c = Integer.compare(a.signal.ordinal(), b.signal.ordinal());
    }
    if (c == 0) {
      c = TEXT.compare(a.service, b.service);
    }
    if (c == 0) {
      c = TEXT.compare(a.instance, b.instance);
    }
    if (c != 0) {
      return c;
    }
    return switch (a.signal) {
      case METRIC -> compareMetrics(a.metric, b.metric);
      case SPAN -> compareSpans(a.span, b.span);
      case LOG -> compareLogs(a.log, b.log);
    };
  }

  private static int compareMetrics(MetricPoint a, MetricPoint b) {
    int c = TEXT.compare(a.name, b.name);
    return c != 0 ? c : Double.compare(a.value, b.value);
  }

  private static int compareSpans(SpanRecord a, SpanRecord b) {
    int c = Long.compare(a.traceIdHigh, b.traceIdHigh);
    if (c == 0) {
      c = Long.compare(a.traceIdLow, b.traceIdLow);
    }
    if (c == 0) {
      c = Long.compare(a.spanId, b.spanId);
    }
    if (c == 0) {
      c = Long.compare(a.parentSpanId, b.parentSpanId);
    }
    if (c == 0) {
      c = TEXT.compare(a.operation, b.operation);
    }
    if (c == 0) {
      c = Integer.compare(a.kind, b.kind);
    }
    if (c == 0) {
      c = Double.compare(a.durationMs, b.durationMs);
    }
    if (c == 0) {
      c = Integer.compare(a.statusCode, b.statusCode);
    }
    if (c == 0) {
      c = Integer.compare(a.httpStatusCode, b.httpStatusCode);
    }
    if (c == 0) {
      c = Integer.compare(a.rpcStatusCode, b.rpcStatusCode);
    }
    return c != 0 ? c : TEXT.compare(a.peerService, b.peerService);
  }

  private static int compareLogs(LogRecord a, LogRecord b) {
    int c = Integer.compare(a.severityNumber, b.severityNumber);
    if (c == 0) {
      c = TEXT.compare(a.severityText, b.severityText);
    }
    if (c == 0) {
      c = TEXT.compare(a.body, b.body);
    }
    return c != 0 ? c : TEXT.compare(a.traceId, b.traceId);
  }
}
