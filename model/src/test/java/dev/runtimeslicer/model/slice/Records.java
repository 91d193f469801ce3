package dev.runtimeslicer.model.slice;

import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;

/** Decoded records with exact values, for slice tests. */
public final class Records {

  public static final String SYSTEM = "shop";

  private Records() {}

  public static TelemetryRecord metric(
      String service, String instance, long timeMs, String name, double value) {
    TelemetryRecord record = TelemetryRecord.of(Signal.METRIC, SYSTEM, service, instance, timeMs);
    record.metric = new MetricPoint(name, value);
    return record;
  }

  public static TelemetryRecord request(
      String service,
      long timeMs,
      String operation,
      double durationMs,
      boolean error,
      long traceId,
      long spanId,
      long parentSpanId) {
    return span(
        service,
        timeMs,
        operation,
        SpanRecord.KIND_SERVER,
        durationMs,
        error,
        traceId,
        spanId,
        parentSpanId,
        "");
  }

  public static TelemetryRecord span(
      String service,
      long timeMs,
      String operation,
      int kind,
      double durationMs,
      boolean error,
      long traceId,
      long spanId,
      long parentSpanId,
      String peerService) {
    TelemetryRecord record =
        TelemetryRecord.of(Signal.SPAN, SYSTEM, service, service + "-0", timeMs);
    SpanRecord span = new SpanRecord();
    span.traceIdLow = traceId;
    span.spanId = spanId;
    span.parentSpanId = parentSpanId;
    span.operation = operation;
    span.kind = kind;
    span.durationMs = durationMs;
    span.statusCode = error ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_UNSET;
    span.peerService = peerService;
    record.span = span;
    return record;
  }

  /** The hex form slices show for a trace id given as a number here. */
  public static String traceHex(long traceId) {
    return String.format("%032x", traceId);
  }

  public static TelemetryRecord log(String service, long timeMs, int severityNumber, String body) {
    TelemetryRecord record =
        TelemetryRecord.of(Signal.LOG, SYSTEM, service, service + "-0", timeMs);
    LogRecord log = new LogRecord();
    log.severityNumber = severityNumber;
    log.body = body;
    record.log = log;
    return record;
  }
}
