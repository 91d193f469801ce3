package dev.runtimeslicer.bench;

import com.google.protobuf.ByteString;
import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
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
import java.util.SplittableRandom;

/**
 * Deterministic synthetic telemetry for benchmarks: OTLP batches shaped like a Collector's (one
 * service per resource, hundreds of items per batch) and the equivalent decoded records.
 */
final class BenchmarkTelemetry {

  static final String SYSTEM = "bench";
  static final int SERVICES = 20;
  static final int SPANS_PER_BATCH = 200;
  static final int METRICS_PER_BATCH = 40;
  static final int LOGS_PER_BATCH = 100;
  private static final String[] OPERATIONS = {
    "GET /cart", "POST /checkout", "GET /product", "GetQuote", "Charge"
  };
  private static final String[] LOG_TEMPLATES = {
    "request %d served in %d ms",
    "cache miss for key user-%d after %d ms",
    "retrying call to payment attempt %d of %d",
    "connection reset by peer %d.%d.0.1",
    "user %d added item %d to cart"
  };

  private BenchmarkTelemetry() {}

  static String service(int index) {
    return "service-" + (index % SERVICES);
  }

  private static Resource resource(int service) {
    return Resource.newBuilder()
        .addAttributes(attribute("service.name", service(service)))
        .addAttributes(attribute("service.instance.id", service(service) + "-pod-" + (service % 3)))
        .addAttributes(attribute("deployment.environment", SYSTEM))
        .build();
  }

  private static KeyValue attribute(String key, String value) {
    return KeyValue.newBuilder()
        .setKey(key)
        .setValue(AnyValue.newBuilder().setStringValue(value))
        .build();
  }

  static ExportTraceServiceRequest spanBatch(int batch, long startMs, SplittableRandom random) {
    ScopeSpans.Builder scope = ScopeSpans.newBuilder();
    for (int i = 0; i < SPANS_PER_BATCH; i++) {
      long start = (startMs + i * 5L) * 1_000_000L;
      boolean client = i % 2 == 1;
      Span.Builder span =
          Span.newBuilder()
              .setTraceId(ByteString.copyFrom(longBytes(random.nextLong(), random.nextLong())))
              .setSpanId(ByteString.copyFrom(longBytes(random.nextLong())))
              .setParentSpanId(ByteString.copyFrom(longBytes(random.nextLong())))
              .setName(OPERATIONS[i % OPERATIONS.length])
              .setKind(client ? Span.SpanKind.SPAN_KIND_CLIENT : Span.SpanKind.SPAN_KIND_SERVER)
              .setStartTimeUnixNano(start)
              .setEndTimeUnixNano(start + (long) (random.nextDouble() * 50_000_000L));
      if (client) {
        span.addAttributes(attribute("peer.service", service(batch + 1)));
      }
      if (random.nextDouble() < 0.01) {
        span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
      }
      scope.addSpans(span);
    }
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder().setResource(resource(batch)).addScopeSpans(scope))
        .build();
  }

  static ExportMetricsServiceRequest metricBatch(int batch, long timeMs, SplittableRandom random) {
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder();
    for (int i = 0; i < METRICS_PER_BATCH; i++) {
      scope.addMetrics(
          Metric.newBuilder()
              .setName("metric." + i)
              .setGauge(
                  Gauge.newBuilder()
                      .addDataPoints(
                          NumberDataPoint.newBuilder()
                              .setTimeUnixNano(timeMs * 1_000_000L)
                              .setAsDouble(random.nextDouble()))));
    }
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder().setResource(resource(batch)).addScopeMetrics(scope))
        .build();
  }

  static ExportLogsServiceRequest logBatch(int batch, long startMs, SplittableRandom random) {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder();
    for (int i = 0; i < LOGS_PER_BATCH; i++) {
      String body =
          String.format(
              LOG_TEMPLATES[i % LOG_TEMPLATES.length], random.nextInt(10_000), random.nextInt(500));
      scope.addLogRecords(
          io.opentelemetry.proto.logs.v1.LogRecord.newBuilder()
              .setTimeUnixNano((startMs + i * 10L) * 1_000_000L)
              .setSeverityNumberValue(i % 10 == 0 ? 17 : 9)
              .setBody(AnyValue.newBuilder().setStringValue(body)));
    }
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(ResourceLogs.newBuilder().setResource(resource(batch)).addScopeLogs(scope))
        .build();
  }

  private static final int POOL = 8192;
  private static final TelemetryRecord[] POOLED = new TelemetryRecord[POOL];

  static {
    for (int i = 0; i < POOL; i++) {
      POOLED[i] = newRecord(i, 0);
    }
  }

  /**
   * The i-th decoded record of a synthetic stream (60% spans, 30% metric points, 10% logs) in
   * event-time order; payloads come from a pool so that generating costs little next to what is
   * measured.
   */
  static TelemetryRecord record(long index, long startMs, long stepMs) {
    TelemetryRecord pooled = POOLED[(int) (index % POOL)];
    TelemetryRecord record =
        TelemetryRecord.of(
            pooled.signal,
            pooled.system,
            pooled.service,
            pooled.instance,
            startMs + index * stepMs);
    record.metric = pooled.metric;
    record.span = pooled.span;
    record.log = pooled.log;
    return record;
  }

  private static TelemetryRecord newRecord(long index, long time) {
    SplittableRandom random = new SplittableRandom(index);
    String service = service((int) (index % SERVICES));
    int kind = (int) (index % 10);
    if (kind < 6) {
      TelemetryRecord record =
          TelemetryRecord.of(Signal.SPAN, SYSTEM, service, service + "-pod", time);
      SpanRecord span = new SpanRecord();
      span.traceIdHigh = random.nextLong();
      span.traceIdLow = random.nextLong();
      span.spanId = random.nextLong();
      span.parentSpanId = random.nextLong();
      span.operation = OPERATIONS[(int) (index % OPERATIONS.length)];
      span.kind = kind % 2 == 0 ? SpanRecord.KIND_SERVER : SpanRecord.KIND_CLIENT;
      span.peerService = span.kind == SpanRecord.KIND_CLIENT ? service((int) index + 1) : "";
      span.durationMs = random.nextDouble() * 50;
      span.statusCode =
          random.nextDouble() < 0.01 ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_UNSET;
      record.span = span;
      return record;
    }
    if (kind < 9) {
      TelemetryRecord record =
          TelemetryRecord.of(Signal.METRIC, SYSTEM, service, service + "-pod", time);
      record.metric = new MetricPoint("metric." + (index % METRICS_PER_BATCH), random.nextDouble());
      return record;
    }
    TelemetryRecord record =
        TelemetryRecord.of(Signal.LOG, SYSTEM, service, service + "-pod", time);
    record.log = new LogRecord();
    record.log.severityNumber = 9;
    record.log.body =
        String.format(
            LOG_TEMPLATES[(int) (index % LOG_TEMPLATES.length)],
            random.nextInt(10_000),
            random.nextInt(500));
    return record;
  }

  private static byte[] longBytes(long... values) {
    byte[] bytes = new byte[values.length * Long.BYTES];
    for (int v = 0; v < values.length; v++) {
      for (int b = 0; b < Long.BYTES; b++) {
        bytes[v * Long.BYTES + b] = (byte) (values[v] >>> (8 * b));
      }
    }
    return bytes;
  }
}
