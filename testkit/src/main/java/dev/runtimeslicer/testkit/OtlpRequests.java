package dev.runtimeslicer.testkit;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.HexFormat;

/** Small, exact OTLP export requests for tests: every value is the caller's, nothing random. */
public final class OtlpRequests {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private OtlpRequests() {}

  /**
   * A resource of {@code service} in {@code system} (deployment.environment) on {@code instance}.
   */
  public static Resource resource(String system, String service, String instance) {
    Resource.Builder resource = Resource.newBuilder();
    if (service != null) {
      resource.addAttributes(attribute("service.name", service));
    }
    if (instance != null) {
      resource.addAttributes(attribute("service.instance.id", instance));
    }
    if (system != null) {
      resource.addAttributes(attribute("deployment.environment", system));
    }
    return resource.build();
  }

  public static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  public static KeyValue attribute(String key, long value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setIntValue(value))
        .build();
  }

  /** A gauge point of {@code name} at {@code timeMs}. */
  public static Metric gauge(String name, long timeMs, double value) {
    return Metric.newBuilder()
        .setName(name)
        .setGauge(
            Gauge.newBuilder()
                .addDataPoints(
                    NumberDataPoint.newBuilder()
                        .setTimeUnixNano(timeMs * NANOS_PER_MILLI)
                        .setAsDouble(value)))
        .build();
  }

  public static ExportMetricsServiceRequest metrics(Resource resource, Metric... metrics) {
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
    for (Metric metric : metrics) {
      scope.addMetrics(metric);
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder().setResource(resource).addScopeMetrics(scope))
        .build();
  }

  /** A span builder with ids given as hex, times in epoch milliseconds. */
  public static Span.Builder span(
      String traceIdHex,
      String spanIdHex,
      String parentSpanIdHex,
      String name,
      Span.SpanKind kind,
      long startMs,
      double durationMs) {
    Span.Builder span =
        Span.newBuilder()
            .setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(traceIdHex)))
            .setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(spanIdHex)))
            .setName(name)
            .setKind(kind)
            .setStartTimeUnixNano(startMs * NANOS_PER_MILLI)
            .setEndTimeUnixNano(
                startMs * NANOS_PER_MILLI + Math.round(durationMs * NANOS_PER_MILLI));
    if (parentSpanIdHex != null && !parentSpanIdHex.isEmpty()) {
      span.setParentSpanId(ByteString.copyFrom(HexFormat.of().parseHex(parentSpanIdHex)));
    }
    return span;
  }

  /** Marks a span failed. */
  public static Span.Builder failed(Span.Builder span) {
    return span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
  }

  public static ExportTraceServiceRequest spans(Resource resource, Span.Builder... spans) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (Span.Builder span : spans) {
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(ResourceSpans.newBuilder().setResource(resource).addScopeSpans(scope))
        .build();
  }

  /** A log record with severity number and string body at {@code timeMs}. */
  public static LogRecord log(long timeMs, int severityNumber, String body) {
    return LogRecord.newBuilder()
        .setTimeUnixNano(timeMs * NANOS_PER_MILLI)
        .setSeverityNumberValue(severityNumber)
        .setBody(AnyValue.newBuilder().setStringValue(body))
        .build();
  }

  public static ExportLogsServiceRequest logs(Resource resource, LogRecord... records) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (LogRecord record : records) {
      scope.addLogRecords(record);
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource).addScopeLogs(scope))
        .build();
  }
}
