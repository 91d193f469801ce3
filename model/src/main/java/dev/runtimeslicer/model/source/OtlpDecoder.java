package dev.runtimeslicer.model.source;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.runtimeslicer.model.slice.CumulativeCounters;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes one OTLP export request (protobuf or JSON) and flattens it into {@link TelemetryRecord}s.
 *
 * <p>Every problem becomes a dead letter instead of an exception: a message that cannot be read
 * at all is dead-lettered whole, while a bad resource or a bad point, span or log record is
 * dead-lettered alone and the rest of the message is kept.
 */
public final class OtlpDecoder {

  private static final HexFormat HEX = HexFormat.of();
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final double NANOS_PER_MILLI_D = 1_000_000.0;
  private static final double[] HISTOGRAM_QUANTILES = {0.5, 0.99};
  private static final String[] HISTOGRAM_QUANTILE_SUFFIXES = {":p50", ":p99"};

  private final DecoderSettings settings;
  private final InstantSource clock;
  private long resourcesWithoutSystem;

  public OtlpDecoder(DecoderSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /** Resources decoded so far that had none of the attributes naming a system (named by default or dead-lettered). */
  public long resourcesWithoutSystem() {
    return resourcesWithoutSystem;
  }

  /** Decodes {@code bytes} of {@code signal} and hands every record and dead letter to {@code out}. */
  public void decode(Signal signal, OtlpEncoding encoding, byte[] bytes, SourcePosition position, Consumer<TelemetryRecord> out) {
    if (bytes == null) {
      out.accept(reject(position, "empty", "message has no value (a Kafka tombstone?); producers must send OTLP export requests", "none", new byte[0]));
      return;
    }
    if (bytes.length > settings.maxMessageBytes()) {
      out.accept(reject(position, "oversized",
          "message of " + bytes.length + " bytes exceeds the limit of " + settings.maxMessageBytes()
              + " bytes; lower the Collector's batch size or raise max-message-bytes",
          encoding.configName(), bytes));
      return;
    }
    Message request;
    try {
      request = parse(signal, encoding, bytes);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      out.accept(reject(position, "malformed",
          "not a valid " + encoding.configName() + " " + requestName(signal) + ": " + e.getMessage()
              + "; check the producer's encoding matches the topic's configured encoding",
          encoding.configName(), bytes));
      return;
    }
    long nowMs = clock.millis();
    Flattener flattener = new Flattener(position, nowMs, out, bytes);
    switch (signal) {
      case METRIC -> flattener.metrics((ExportMetricsServiceRequest) request);
      case SPAN -> flattener.spans((ExportTraceServiceRequest) request);
      case LOG -> flattener.logs((ExportLogsServiceRequest) request);
    }
  }

  private static Message parse(Signal signal, OtlpEncoding encoding, byte[] bytes) throws InvalidProtocolBufferException {
    if (encoding == OtlpEncoding.OTLP_PROTO) {
      return switch (signal) {
        case METRIC -> ExportMetricsServiceRequest.parseFrom(bytes);
        case SPAN -> ExportTraceServiceRequest.parseFrom(bytes);
        case LOG -> ExportLogsServiceRequest.parseFrom(bytes);
      };
    }
    Message.Builder builder = switch (signal) {
      case METRIC -> ExportMetricsServiceRequest.newBuilder();
      case SPAN -> ExportTraceServiceRequest.newBuilder();
      case LOG -> ExportLogsServiceRequest.newBuilder();
    };
    OtlpJson.merge(new String(bytes, StandardCharsets.UTF_8), builder);
    return builder.build();
  }

  /** How a number point's series is kept: as a level, or as a counter whose increase per window slices carry. */
  private enum PointKind { GAUGE, CUMULATIVE_COUNTER, DELTA_COUNTER }

  private static String requestName(Signal signal) {
    return switch (signal) {
      case METRIC -> "ExportMetricsServiceRequest";
      case SPAN -> "ExportTraceServiceRequest";
      case LOG -> "ExportLogsServiceRequest";
    };
  }

  private static TelemetryRecord reject(SourcePosition position, String category, String reason, String encoding, byte[] payload) {
    return TelemetryRecord.rejected(new DeadLetter(position, category, reason, encoding, payload));
  }

  /** The identity a resource gives its records. */
  private record ResourceIdentity(String system, String service, String instance) {}

  /** A resource that names no system, when such resources are dead-lettered (compared by reference). */
  private static final ResourceIdentity MISSING_SYSTEM = new ResourceIdentity("", "", "");

  /** Flattens one parsed request; holds the per-message context so the helpers stay short. */
  private final class Flattener {
    private final SourcePosition position;
    private final long nowMs;
    private final Consumer<TelemetryRecord> out;
    private final byte[] message;
    /** Hash of the whole message, made on first use; see {@link #log}. */
    private long messageHash;
    private boolean messageHashed;
    /** Log records met so far in this message. */
    private int logIndex;

    Flattener(SourcePosition position, long nowMs, Consumer<TelemetryRecord> out, byte[] message) {
      this.position = position;
      this.nowMs = nowMs;
      this.out = out;
      this.message = message;
    }

    private long messageHash() {
      if (!messageHashed) {
        messageHash = new RecordIdHash().add(message).id();
        messageHashed = true;
      }
      return messageHash;
    }

    // ---------------------------------------------------------------- resources

    private ResourceIdentity identity(Resource resource) {
      String service = null;
      String instanceId = null;
      String pod = null;
      String host = null;
      String system = null;
      int systemRank = Integer.MAX_VALUE;
      for (KeyValue attribute : resource.getAttributesList()) {
        String key = attribute.getKey();
        switch (key) {
          case "service.name" -> service = stringOf(attribute.getValue());
          case "service.instance.id" -> instanceId = stringOf(attribute.getValue());
          case "k8s.pod.name" -> pod = stringOf(attribute.getValue());
          case "host.name" -> host = stringOf(attribute.getValue());
          default -> { }
        }
        int rank = settings.systemAttributes().indexOf(key);
        if (rank >= 0 && rank < systemRank) {
          String value = stringOf(attribute.getValue());
          if (value != null && !value.isBlank()) {
            system = value;
            systemRank = rank;
          }
        }
      }
      if (service == null || service.isBlank()) {
        return null;
      }
      String instance = firstNonBlank(instanceId, pod, host);
      String systemName = system;
      if (systemName == null) {
        resourcesWithoutSystem++;
        systemName = settings.defaultSystem();
        if (systemName == null) {
          return MISSING_SYSTEM;
        }
      }
      return new ResourceIdentity(cut(systemName), cut(service), cut(instance));
    }

    private boolean acceptResource(ResourceIdentity identity, Signal signal, Message singleResourceRequest) {
      if (identity == MISSING_SYSTEM) {
        out.accept(reject(position, "missing_system",
            "a resource in this " + requestName(signal) + " has none of the attributes " + settings.systemAttributes()
                + " that name its system; set OTEL_RESOURCE_ATTRIBUTES=deployment.environment.name=<system> in the service,"
                + " add it with the Collector's resource processor, or set system.default-name",
            OtlpEncoding.OTLP_PROTO.configName(), singleResourceRequest.toByteArray()));
        return false;
      }
      if (identity != null) {
        return true;
      }
      out.accept(reject(position, "missing_service_name",
          "a resource in this " + requestName(signal) + " has no service.name attribute; set OTEL_SERVICE_NAME"
              + " in the service or add it with the Collector's resource processor",
          OtlpEncoding.OTLP_PROTO.configName(), singleResourceRequest.toByteArray()));
      return false;
    }

    /** Null when the time is usable, otherwise why not. */
    private String timeProblem(long unixNanos) {
      if (unixNanos <= 0) {
        return "zero_timestamp";
      }
      if (unixNanos / NANOS_PER_MILLI > nowMs + settings.maxFutureSkewMs()) {
        return "future_timestamp";
      }
      return null;
    }

    private void rejectItem(String category, String what, Message singleItemRequest) {
      String advice = switch (category) {
        case "zero_timestamp" -> "has no timestamp; the producer must set time_unix_nano";
        case "future_timestamp" -> "is more than " + settings.maxFutureSkewMs() + " ms ahead of this clock; check the producer's clock (NTP)";
        case "non_finite" -> "has a NaN or infinite value; fix the instrument that records it";
        case "negative_duration" -> "ends before it starts (or never ends); check the tracer's clock";
        default -> "was rejected";
      };
      out.accept(reject(position, category, what + " " + advice, OtlpEncoding.OTLP_PROTO.configName(), singleItemRequest.toByteArray()));
    }

    private TelemetryRecord record(Signal signal, ResourceIdentity id, long unixNanos) {
      return TelemetryRecord.of(signal, id.system(), id.service(), id.instance(), unixNanos / NANOS_PER_MILLI);
    }

    // ---------------------------------------------------------------- metrics

    void metrics(ExportMetricsServiceRequest request) {
      for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
        ResourceIdentity id = identity(resourceMetrics.getResource());
        if (!acceptResource(id, Signal.METRIC, ExportMetricsServiceRequest.newBuilder().addResourceMetrics(resourceMetrics).build())) {
          continue;
        }
        for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
          for (Metric metric : scope.getMetricsList()) {
            metric(id, resourceMetrics, scope, metric);
          }
        }
      }
    }

    private void metric(ResourceIdentity id, ResourceMetrics resource, ScopeMetrics scope, Metric metric) {
      String name = cut(metric.getName());
      switch (metric.getDataCase()) {
        case GAUGE -> numberPoints(id, resource, scope, metric, name, metric.getGauge().getDataPointsList(),
            settings.counterGauges().contains(name) ? PointKind.CUMULATIVE_COUNTER : PointKind.GAUGE);
        case SUM -> {
          // Cumulative counters become rates per window in the slice (CumulativeCounters).
          // Delta counters (counts per export interval) become the same rates by summing.
          AggregationTemporality temporality = metric.getSum().getAggregationTemporality();
          PointKind kind = !metric.getSum().getIsMonotonic() ? PointKind.GAUGE
              : temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE ? PointKind.CUMULATIVE_COUNTER
              : temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA ? PointKind.DELTA_COUNTER : PointKind.GAUGE;
          numberPoints(id, resource, scope, metric, name, metric.getSum().getDataPointsList(), kind);
        }
        case HISTOGRAM -> {
          for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
            histogramPoint(id, name, point, metric.getHistogram().getAggregationTemporality(),
                () -> single(resource, scope, metric.toBuilder()
                .setHistogram(metric.getHistogram().toBuilder().clearDataPoints().addDataPoints(point)).build()));
          }
        }
        case EXPONENTIAL_HISTOGRAM -> {
          for (ExponentialHistogramDataPoint point : metric.getExponentialHistogram().getDataPointsList()) {
            exponentialPoint(id, name, point, metric.getExponentialHistogram().getAggregationTemporality(),
                () -> single(resource, scope, metric.toBuilder()
                .setExponentialHistogram(metric.getExponentialHistogram().toBuilder().clearDataPoints().addDataPoints(point)).build()));
          }
        }
        case SUMMARY -> {
          for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
            summaryPoint(id, name, point, () -> single(resource, scope, metric.toBuilder()
                .setSummary(metric.getSummary().toBuilder().clearDataPoints().addDataPoints(point)).build()));
          }
        }
        case DATA_NOT_SET -> { } // a metric without data carries nothing to keep
      }
    }

    private void numberPoints(ResourceIdentity id, ResourceMetrics resource, ScopeMetrics scope, Metric metric, String name,
        List<NumberDataPoint> points, PointKind kind) {
      for (NumberDataPoint point : points) {
        double value = point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
        String problem = timeProblem(point.getTimeUnixNano());
        if (problem == null && !Double.isFinite(value)) {
          problem = "non_finite";
        }
        if (problem != null) {
          Metric onePoint = metric.hasGauge()
              ? metric.toBuilder().setGauge(metric.getGauge().toBuilder().clearDataPoints().addDataPoints(point)).build()
              : metric.toBuilder().setSum(metric.getSum().toBuilder().clearDataPoints().addDataPoints(point)).build();
          rejectItem(problem, "point of metric " + name, single(resource, scope, onePoint));
          continue;
        }
        String key = switch (kind) {
          case CUMULATIVE_COUNTER -> CumulativeCounters.paneKey(metricKey(name, CumulativeCounters.SUFFIX, point.getAttributesList()),
              id.instance());
          case DELTA_COUNTER -> CumulativeCounters.paneKey(metricKey(name, CumulativeCounters.DELTA_SUFFIX, point.getAttributesList()),
              id.instance());
          case GAUGE -> metricKey(name, "", point.getAttributesList());
        };
        emitPoint(id, point.getTimeUnixNano(), key, value);
      }
    }

    /** The delta histogram's observations and their sum as delta counters, rates in slices as a cumulative one's are. */
    private void deltaHistogramRates(ResourceIdentity id, long time, String name, List<KeyValue> attributes, long count, double sum) {
      emitPoint(id, time, CumulativeCounters.paneKey(metricKey(name, ":count" + CumulativeCounters.DELTA_SUFFIX, attributes),
          id.instance()), count);
      if (Double.isFinite(sum)) {
        emitPoint(id, time, CumulativeCounters.paneKey(metricKey(name, ":sum" + CumulativeCounters.DELTA_SUFFIX, attributes),
            id.instance()), sum);
      }
    }

    private static boolean cumulative(AggregationTemporality temporality) {
      return temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
    }

    /**
     * A cumulative histogram counts since its process started: its quantiles are of the process's
     * lifetime, not of the window, and its count and sum only grow. So it gives two counters,
     * observations and their sum, which slices carry as rates per window.
     */
    private void cumulativeHistogram(ResourceIdentity id, long time, String name, List<KeyValue> attributes, long count,
        double sum) {
      emitPoint(id, time, CumulativeCounters.paneKey(metricKey(name, ":count" + CumulativeCounters.SUFFIX, attributes),
          id.instance()), count);
      if (Double.isFinite(sum)) {
        emitPoint(id, time, CumulativeCounters.paneKey(metricKey(name, ":sum" + CumulativeCounters.SUFFIX, attributes),
            id.instance()), sum);
      }
    }

    /**
     * One point of either kind of histogram, as far as slices use it: its time, attributes, count,
     * sum (NaN when absent) and quantiles; {@code finite} is false when a reported statistic is NaN or infinite.
     */
    private record HistogramPoint(long timeNanos, List<KeyValue> attributes, long count, double sum, boolean finite,
        java.util.function.DoubleUnaryOperator quantile) {}

    private void histogramPoint(ResourceIdentity id, String name, HistogramDataPoint point, AggregationTemporality temporality,
        java.util.function.Supplier<Message> single) {
      boolean finite = !(point.hasSum() && !Double.isFinite(point.getSum())) && !(point.hasMin() && !Double.isFinite(point.getMin()))
          && !(point.hasMax() && !Double.isFinite(point.getMax()));
      histogram(id, name, "histogram", new HistogramPoint(point.getTimeUnixNano(), point.getAttributesList(), point.getCount(),
          point.hasSum() ? point.getSum() : Double.NaN, finite, q -> HistogramQuantiles.explicitBuckets(point, q)), temporality, single);
    }

    private void exponentialPoint(ResourceIdentity id, String name, ExponentialHistogramDataPoint point,
        AggregationTemporality temporality, java.util.function.Supplier<Message> single) {
      boolean finite = !(point.hasSum() && !Double.isFinite(point.getSum()));
      histogram(id, name, "exponential histogram", new HistogramPoint(point.getTimeUnixNano(), point.getAttributesList(),
          point.getCount(), point.hasSum() ? point.getSum() : Double.NaN, finite, q -> HistogramQuantiles.exponentialBuckets(point, q)),
          temporality, single);
    }

    /**
     * A histogram point of either kind: cumulative ones become counters of observations and their
     * sum; delta ones become the same counters and also keep their interval's count, mean and quantiles.
     */
    private void histogram(ResourceIdentity id, String name, String kind, HistogramPoint point, AggregationTemporality temporality,
        java.util.function.Supplier<Message> single) {
      String problem = timeProblem(point.timeNanos());
      if (problem == null && !point.finite()) {
        problem = "non_finite";
      }
      if (problem != null) {
        rejectItem(problem, kind + " point of metric " + name, single.get());
        return;
      }
      long time = point.timeNanos();
      List<KeyValue> attributes = point.attributes();
      if (cumulative(temporality)) {
        cumulativeHistogram(id, time, name, attributes, point.count(), point.sum());
        return;
      }
      if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
        deltaHistogramRates(id, time, name, attributes, point.count(), point.sum());
      }
      emitPoint(id, time, metricKey(name, ":count", attributes), point.count());
      if (point.count() == 0) {
        return;
      }
      if (!Double.isNaN(point.sum())) {
        emitPoint(id, time, metricKey(name, ":mean", attributes), point.sum() / point.count());
      }
      for (int q = 0; q < HISTOGRAM_QUANTILES.length; q++) {
        double value = point.quantile().applyAsDouble(HISTOGRAM_QUANTILES[q]);
        if (Double.isFinite(value)) {
          emitPoint(id, time, metricKey(name, HISTOGRAM_QUANTILE_SUFFIXES[q], attributes), value);
        }
      }
    }

    private void summaryPoint(ResourceIdentity id, String name, SummaryDataPoint point, java.util.function.Supplier<Message> single) {
      String problem = timeProblem(point.getTimeUnixNano());
      if (problem == null && !Double.isFinite(point.getSum())) {
        problem = "non_finite";
      }
      if (problem == null) {
        for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
          if (!Double.isFinite(quantile.getValue())) {
            problem = "non_finite";
          }
        }
      }
      if (problem != null) {
        rejectItem(problem, "summary point of metric " + name, single.get());
        return;
      }
      long time = point.getTimeUnixNano();
      List<KeyValue> attributes = point.getAttributesList();
      emitPoint(id, time, metricKey(name, ":count", attributes), point.getCount());
      if (point.getCount() > 0) {
        emitPoint(id, time, metricKey(name, ":mean", attributes), point.getSum() / point.getCount());
      }
      for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
        emitPoint(id, time, metricKey(name, ":q" + quantile.getQuantile(), attributes), quantile.getValue());
      }
    }

    private Message single(ResourceMetrics resource, ScopeMetrics scope, Metric onePoint) {
      return ExportMetricsServiceRequest.newBuilder()
          .addResourceMetrics(resource.toBuilder().clearScopeMetrics()
              .addScopeMetrics(scope.toBuilder().clearMetrics().addMetrics(onePoint)))
          .build();
    }

    private void emitPoint(ResourceIdentity id, long unixNanos, String key, double value) {
      TelemetryRecord record = record(Signal.METRIC, id, unixNanos);
      record.metric = new MetricPoint(key, value);
      record.recordId = new RecordIdHash().add(Signal.METRIC.ordinal()).add(id.system()).add(id.service()).add(id.instance())
          .add(key).add(unixNanos).add(Double.doubleToLongBits(value)).id();
      out.accept(record);
    }

    // ---------------------------------------------------------------- spans

    void spans(ExportTraceServiceRequest request) {
      for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
        ResourceIdentity id = identity(resourceSpans.getResource());
        if (!acceptResource(id, Signal.SPAN, ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans).build())) {
          continue;
        }
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
          for (Span span : scope.getSpansList()) {
            span(id, resourceSpans, scope, span);
          }
        }
      }
    }

    private void span(ResourceIdentity id, ResourceSpans resource, ScopeSpans scope, Span span) {
      String problem = timeProblem(span.getStartTimeUnixNano());
      if (problem == null && span.getEndTimeUnixNano() < span.getStartTimeUnixNano()) {
        problem = "negative_duration";
      }
      if (problem == null) {
        problem = timeProblem(span.getEndTimeUnixNano());
      }
      if (problem != null) {
        rejectItem(problem, "span " + cut(span.getName()),
            ExportTraceServiceRequest.newBuilder().addResourceSpans(resource.toBuilder().clearScopeSpans()
                .addScopeSpans(scope.toBuilder().clearSpans().addSpans(span))).build());
        return;
      }
      SpanRecord record = new SpanRecord();
      ByteString traceId = span.getTraceId();
      record.traceIdHigh = idBits(traceId, 0, traceId.size() - Long.BYTES);
      record.traceIdLow = idBits(traceId, Math.max(0, traceId.size() - Long.BYTES), traceId.size());
      record.spanId = idBits(span.getSpanId(), 0, span.getSpanId().size());
      record.parentSpanId = idBits(span.getParentSpanId(), 0, span.getParentSpanId().size());
      record.operation = cut(span.getName());
      record.kind = span.getKindValue();
      record.durationMs = (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / NANOS_PER_MILLI_D;
      record.statusCode = span.getStatus().getCodeValue();
      for (KeyValue attribute : span.getAttributesList()) {
        switch (attribute.getKey()) {
          case "http.response.status_code", "http.status_code" -> record.httpStatusCode = intOf(attribute.getValue());
          case "rpc.grpc.status_code" -> record.rpcStatusCode = intOf(attribute.getValue());
          case "peer.service" -> record.peerService = cut(stringOf(attribute.getValue()));
          default -> { }
        }
      }
      // A span counts where it ends: SDKs export it then, so a slow request is not late for its
      // window however long it ran, and a window sees the requests that completed in it.
      TelemetryRecord telemetry = record(Signal.SPAN, id, span.getEndTimeUnixNano());
      telemetry.span = record;
      if (record.spanId != 0) {
        // a span id is unique within its trace by definition
        telemetry.recordId = new RecordIdHash().add(Signal.SPAN.ordinal()).add(record.traceIdHigh).add(record.traceIdLow)
            .add(record.spanId).id();
      }
      out.accept(telemetry);
    }

    // ---------------------------------------------------------------- logs

    void logs(ExportLogsServiceRequest request) {
      for (ResourceLogs resourceLogs : request.getResourceLogsList()) {
        ResourceIdentity id = identity(resourceLogs.getResource());
        if (!acceptResource(id, Signal.LOG, ExportLogsServiceRequest.newBuilder().addResourceLogs(resourceLogs).build())) {
          continue;
        }
        for (ScopeLogs scope : resourceLogs.getScopeLogsList()) {
          for (io.opentelemetry.proto.logs.v1.LogRecord log : scope.getLogRecordsList()) {
            log(id, resourceLogs, scope, log);
          }
        }
      }
    }

    private void log(ResourceIdentity id, ResourceLogs resource, ScopeLogs scope, io.opentelemetry.proto.logs.v1.LogRecord log) {
      int index = logIndex++;
      long time = log.getTimeUnixNano() != 0 ? log.getTimeUnixNano() : log.getObservedTimeUnixNano();
      String problem = timeProblem(time);
      if (problem != null) {
        rejectItem(problem, "log record", ExportLogsServiceRequest.newBuilder().addResourceLogs(resource.toBuilder().clearScopeLogs()
            .addScopeLogs(scope.toBuilder().clearLogRecords().addLogRecords(log))).build());
        return;
      }
      LogRecord record = new LogRecord();
      record.severityNumber = log.getSeverityNumberValue();
      record.severityText = cut(log.getSeverityText());
      String body = render(log.getBody());
      record.body = body.length() > settings.maxLogBodyLength() ? body.substring(0, settings.maxLogBodyLength()) : body;
      record.traceId = hex(log.getTraceId());
      TelemetryRecord telemetry = record(Signal.LOG, id, time);
      telemetry.log = record;
      // A log record has no id of its own, and identical lines in one timestamp are common (an
      // error storm, times parsed from text to the millisecond), so its identity is its place in
      // the message: a retried export sends the same bytes again, a new batch never does.
      telemetry.recordId = new RecordIdHash().add(Signal.LOG.ordinal()).add(messageHash()).add(index).id();
      out.accept(telemetry);
    }
  }

  // ---------------------------------------------------------------- values

  private String cut(String value) {
    return value.length() > settings.maxAttributeLength() ? value.substring(0, settings.maxAttributeLength()) : value;
  }

  private String metricKey(String name, String suffix, List<KeyValue> attributes) {
    if (attributes.isEmpty()) {
      return suffix.isEmpty() ? name : name + suffix;
    }
    List<KeyValue> sorted = attributes;
    if (attributes.size() > 1) {
      sorted = new ArrayList<>(attributes);
      sorted.sort((a, b) -> a.getKey().compareTo(b.getKey()));
    }
    StringBuilder key = new StringBuilder(name).append(suffix).append('{');
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0) {
        key.append(',');
      }
      key.append(sorted.get(i).getKey()).append('=').append(stringOf(sorted.get(i).getValue()));
    }
    return cut(key.append('}').toString());
  }

  private static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "";
  }

  private static String hex(ByteString bytes) {
    return bytes.isEmpty() ? "" : HEX.formatHex(bytes.toByteArray());
  }

  /** Big-endian bits of id bytes [from, to); ids longer than 8 bytes fold into the low bits. */
  private static long idBits(ByteString id, int from, int to) {
    long bits = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      bits = (bits << Byte.SIZE) | (id.byteAt(i) & 0xFF);
    }
    return bits;
  }

  private static int intOf(AnyValue value) {
    return switch (value.getValueCase()) {
      case INT_VALUE -> (int) value.getIntValue();
      case DOUBLE_VALUE -> (int) value.getDoubleValue();
      case STRING_VALUE -> parseIntOr(value.getStringValue(), SpanRecord.NO_CODE);
      default -> SpanRecord.NO_CODE;
    };
  }

  private static int parseIntOr(String text, int fallback) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static String stringOf(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      default -> render(value);
    };
  }

  /** Renders any OTLP value as text; structured bodies become {@code key=value} pairs. */
  /** Bytes of a binary value rendered as hex; twice this many characters is more than log bodies keep by default. */
  static final int MAX_RENDERED_BYTES = 4096;

  static String render(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      // as hex, at most what a cut log body keeps: a megabyte of binary must not become two megabytes of text first
      case BYTES_VALUE -> HEX.formatHex(value.getBytesValue().substring(0, Math.min(value.getBytesValue().size(), MAX_RENDERED_BYTES))
          .toByteArray());
      case ARRAY_VALUE -> {
        StringBuilder text = new StringBuilder("[");
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          text.append(text.length() > 1 ? " " : "").append(render(element));
        }
        yield text.append(']').toString();
      }
      case KVLIST_VALUE -> {
        StringBuilder text = new StringBuilder();
        for (KeyValue pair : value.getKvlistValue().getValuesList()) {
          text.append(text.length() > 0 ? " " : "").append(pair.getKey()).append('=').append(render(pair.getValue()));
        }
        yield text.toString();
      }
      default -> "";
    };
  }
}
