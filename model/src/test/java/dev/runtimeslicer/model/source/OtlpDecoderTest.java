package dev.runtimeslicer.model.source;

import static dev.runtimeslicer.testkit.OtlpRequests.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.Message;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OtlpDecoderTest {

  private static final long NOW_MS = 1_700_000_000_000L;
  private static final long T = NOW_MS - 60_000;
  private static final SourcePosition POSITION = new SourcePosition("otlp_metrics", 3, 42);
  private static final Resource CART = resource("shop", "cart", "cart-7d9f");

  private final OtlpDecoder decoder =
      new OtlpDecoder(
          DecoderSettings.defaults(), InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));

  private List<TelemetryRecord> decode(Signal signal, Message request) {
    return decode(signal, OtlpEncoding.OTLP_PROTO, request.toByteArray());
  }

  private List<TelemetryRecord> decode(Signal signal, OtlpEncoding encoding, byte[] bytes) {
    List<TelemetryRecord> out = new ArrayList<>();
    decoder.decode(signal, encoding, bytes, POSITION, out::add);
    return out;
  }

  private static List<DeadLetter> deadLetters(List<TelemetryRecord> records) {
    return records.stream().filter(TelemetryRecord::hasDeadLetter).map(r -> r.deadLetter).toList();
  }

  private static List<TelemetryRecord> telemetry(List<TelemetryRecord> records) {
    return records.stream().filter(r -> !r.hasDeadLetter()).toList();
  }

  @Test
  void everyDeliveryOfARecordHasTheSameIdAndDifferentRecordsDifferentOnes() {
    ExportLogsServiceRequest storm =
        logs(CART, log(T, 17, "Call to db failed"), log(T, 17, "Call to db failed"));
    ExportLogsServiceRequest nextBatch =
        logs(CART, log(T, 17, "Call to db failed"), log(T + 1, 17, "Call to db failed"));
    ExportTraceServiceRequest twoSpans =
        spans(
            CART,
            span(
                "0af7651916cd43dd8448eb211c80319c",
                "00f067aa0ba902b7",
                null,
                "GetCart",
                Span.SpanKind.SPAN_KIND_SERVER,
                T,
                5),
            span(
                "0af7651916cd43dd8448eb211c80319c",
                "00f067aa0ba902b8",
                null,
                "GetCart",
                Span.SpanKind.SPAN_KIND_SERVER,
                T,
                5));
    ExportMetricsServiceRequest points =
        metrics(CART, gauge("cpu", T, 0.75), gauge("cpu", T + 1, 0.75));

    for (Message request : List.<Message>of(storm, twoSpans, points)) {
      Signal signal =
          request instanceof ExportLogsServiceRequest
              ? Signal.LOG
              : request instanceof ExportTraceServiceRequest ? Signal.SPAN : Signal.METRIC;
      List<Long> first = decode(signal, request).stream().map(r -> r.recordId).toList();
      List<Long> again = decode(signal, request).stream().map(r -> r.recordId).toList();

      assertThat(first)
          .as("%s", signal)
          .hasSize(2)
          .doesNotHaveDuplicates()
          .doesNotContain(TelemetryRecord.NO_ID);
      assertThat(again).as("a retry of the same %s request", signal).isEqualTo(first);
    }
    // two identical lines in one millisecond stay two records, and a later batch is new records
    List<Long> stormIds = decode(Signal.LOG, storm).stream().map(r -> r.recordId).toList();
    assertThat(decode(Signal.LOG, nextBatch))
        .extracting(r -> r.recordId)
        .doesNotContainAnyElementsOf(stormIds);
    // a span without a span id has no identity to go by
    ExportTraceServiceRequest noId =
        spans(
            CART,
            span(
                    "0af7651916cd43dd8448eb211c80319c",
                    "00f067aa0ba902b7",
                    null,
                    "GetCart",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    T,
                    5)
                .setSpanId(com.google.protobuf.ByteString.EMPTY));
    assertThat(decode(Signal.SPAN, noId))
        .extracting(r -> r.recordId)
        .containsExactly(TelemetryRecord.NO_ID);
  }

  @Test
  void deltaCountersAndDeltaHistogramsAreKeptAsCountersWhoseIncreaseIsTheSumOfTheirPoints() {
    Metric lookups =
        Metric.newBuilder()
            .setName("cart.lookups")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(true)
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setAsInt(3)))
            .build();
    Metric queue =
        Metric.newBuilder()
            .setName("queue.depth")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(false)
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setAsInt(-2)))
            .build();
    Metric latency =
        Metric.newBuilder()
            .setName("rpc.duration")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setTimeUnixNano(T * 1_000_000)
                            .setCount(4)
                            .setSum(100)
                            .addExplicitBounds(50)
                            .addBucketCounts(3)
                            .addBucketCounts(1)))
            .build();

    List<String> keys =
        decode(Signal.METRIC, metrics(CART, lookups, queue, latency)).stream()
            .map(r -> r.metric.name)
            .toList();

    assertThat(keys)
        .contains(
            "cart.lookups:delta@cart-7d9f",
            "queue.depth",
            "rpc.duration:count:delta@cart-7d9f",
            "rpc.duration:sum:delta@cart-7d9f",
            "rpc.duration:count",
            "rpc.duration:mean",
            "rpc.duration:p50");
  }

  @Test
  void aBinaryLogBodyOfAMegabyteIsRenderedOnlyAsFarAsABodyIsKept() {
    byte[] binary = new byte[1 << 20];
    new java.util.Random(7).nextBytes(binary);
    LogRecord record =
        log(T, 9, "").toBuilder()
            .setBody(
                AnyValue.newBuilder()
                    .setBytesValue(com.google.protobuf.ByteString.copyFrom(binary)))
            .build();

    List<TelemetryRecord> records = decode(Signal.LOG, logs(CART, record));

    assertThat(records).hasSize(1);
    assertThat(records.get(0).log.body)
        .hasSize(DecoderSettings.defaults().maxLogBodyLength())
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(binary, 0, DecoderSettings.defaults().maxLogBodyLength() / 2));
  }

  @Test
  void flattensGaugeWithResourceIdentity() {
    List<TelemetryRecord> records = decode(Signal.METRIC, metrics(CART, gauge("cpu", T, 0.75)));

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.signal).isEqualTo(Signal.METRIC);
              assertThat(r.system).isEqualTo("shop");
              assertThat(r.service).isEqualTo("cart");
              assertThat(r.instance).isEqualTo("cart-7d9f");
              assertThat(r.timestampMs).isEqualTo(T);
              assertThat(r.metric.name).isEqualTo("cpu");
              assertThat(r.metric.value).isEqualTo(0.75);
            });
  }

  @Test
  void instanceFallsBackToPodThenHostAndSystemToTheDefault() {
    Resource podOnly =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", "cart"))
            .addAttributes(attribute("k8s.pod.name", "pod-a"))
            .addAttributes(attribute("host.name", "node-1"))
            .build();
    Resource hostOnly =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", "cart"))
            .addAttributes(attribute("host.name", "node-1"))
            .build();

    TelemetryRecord pod = decode(Signal.METRIC, metrics(podOnly, gauge("cpu", T, 1))).get(0);
    TelemetryRecord host = decode(Signal.METRIC, metrics(hostOnly, gauge("cpu", T, 1))).get(0);

    assertThat(pod.instance).isEqualTo("pod-a");
    assertThat(host.instance).isEqualTo("node-1");
    assertThat(pod.system).isEqualTo("default");
  }

  @Test
  void pointAttributesBecomePartOfTheSeriesName() {
    Metric metric =
        gauge("net.io", T, 5).toBuilder()
            .setGauge(
                gauge("net.io", T, 5).getGauge().toBuilder()
                    .setDataPoints(
                        0,
                        gauge("net.io", T, 5).getGauge().getDataPoints(0).toBuilder()
                            .addAttributes(attribute("direction", "rx"))
                            .addAttributes(attribute("device", "eth0"))))
            .build();

    TelemetryRecord record = decode(Signal.METRIC, metrics(CART, metric)).get(0);

    assertThat(record.metric.name).isEqualTo("net.io{device=eth0,direction=rx}");
  }

  @Test
  void cumulativeCountersAndHistogramsAreKeyedPerInstanceForRates() {
    NumberDataPoint point =
        NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setAsInt(120).build();
    Metric counter =
        Metric.newBuilder()
            .setName("container.network.errors")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(true)
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(point))
            .build();
    Metric upDown =
        Metric.newBuilder()
            .setName("queue.length")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(false)
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(point))
            .build();
    Metric delta =
        Metric.newBuilder()
            .setName("requests")
            .setSum(
                Sum.newBuilder()
                    .setIsMonotonic(true)
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(point))
            .build();
    Metric histogram =
        Metric.newBuilder()
            .setName("rpc.duration")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setTimeUnixNano(T * 1_000_000)
                            .setCount(10)
                            .setSum(4.0)
                            .addExplicitBounds(0.1)
                            .addBucketCounts(4)
                            .addBucketCounts(6)))
            .build();

    List<TelemetryRecord> records =
        decode(Signal.METRIC, metrics(CART, counter, upDown, delta, histogram));

    // The counter and the lifetime histogram are differenced per instance into rates when slices
    // are assembled, as are delta counters (summed, not differenced); the others are levels.
    assertThat(records)
        .extracting(r -> r.metric.name)
        .containsExactly(
            "container.network.errors:rate@cart-7d9f",
            "queue.length",
            "requests:delta@cart-7d9f",
            "rpc.duration:count:rate@cart-7d9f",
            "rpc.duration:sum:rate@cart-7d9f");
    assertThat(records.get(3).metric.value).isEqualTo(10.0);
    assertThat(records.get(4).metric.value).isEqualTo(4.0);
  }

  @Test
  void restartCountGaugesAreCountersOtherGaugesLevels() {
    NumberDataPoint point =
        NumberDataPoint.newBuilder().setTimeUnixNano(T * 1_000_000).setAsInt(3).build();
    Metric restarts =
        Metric.newBuilder()
            .setName("k8s.container.restart.count")
            .setGauge(Gauge.newBuilder().addDataPoints(point))
            .build();
    Metric threads =
        Metric.newBuilder()
            .setName("process.thread.count")
            .setGauge(Gauge.newBuilder().addDataPoints(point))
            .build();

    List<TelemetryRecord> records = decode(Signal.METRIC, metrics(CART, restarts, threads));
    OtlpDecoder custom =
        new OtlpDecoder(
            new DecoderSettings(
                DecoderSettings.DEFAULT_SYSTEM_ATTRIBUTES,
                "default",
                16 << 20,
                3_600_000,
                256,
                4096,
                java.util.Set.of("process.thread.count")),
            InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));
    List<TelemetryRecord> configured = new ArrayList<>();
    custom.decode(
        Signal.METRIC,
        OtlpEncoding.OTLP_PROTO,
        metrics(CART, restarts, threads).toByteArray(),
        POSITION,
        configured::add);

    assertThat(records)
        .extracting(r -> r.metric.name)
        .containsExactly("k8s.container.restart.count:rate@cart-7d9f", "process.thread.count");
    assertThat(configured)
        .extracting(r -> r.metric.name)
        .containsExactly("k8s.container.restart.count", "process.thread.count:rate@cart-7d9f");
  }

  @Test
  void histogramGivesCountMeanAndInterpolatedQuantiles() {
    // 10 observations: 4 in (0, 0.1], 4 in (0.1, 0.5], 2 in (0.5, +inf) with max 2.0; sum 4.0
    Metric histogram =
        Metric.newBuilder()
            .setName("http.server.request.duration")
            .setHistogram(
                Histogram.newBuilder()
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setTimeUnixNano(T * 1_000_000)
                            .setCount(10)
                            .setSum(4.0)
                            .setMax(2.0)
                            .addExplicitBounds(0.1)
                            .addExplicitBounds(0.5)
                            .addBucketCounts(4)
                            .addBucketCounts(4)
                            .addBucketCounts(2)))
            .build();

    List<TelemetryRecord> records = decode(Signal.METRIC, metrics(CART, histogram));

    assertThat(records)
        .extracting(r -> r.metric.name)
        .containsExactly(
            "http.server.request.duration:count",
            "http.server.request.duration:mean",
            "http.server.request.duration:p50",
            "http.server.request.duration:p99");
    assertThat(records.get(0).metric.value).isEqualTo(10.0);
    assertThat(records.get(1).metric.value).isCloseTo(0.4, within(1e-12));
    // rank 5 is the 1st of 4 in (0.1, 0.5]: 0.1 + 0.4 * 1/4
    assertThat(records.get(2).metric.value).isCloseTo(0.2, within(1e-12));
    // rank 9.9 is 1.9 of 2 in (0.5, 2.0]: 0.5 + 1.5 * 0.95
    assertThat(records.get(3).metric.value).isCloseTo(1.925, within(1e-12));
  }

  @Test
  void flattensSpanFields() {
    Span.Builder span =
        span(
                "0087f677c0a2cf3f80a551987167911b",
                "ee744a66e6efcb2e",
                "a23660ca2e7cc4c8",
                "GET /cart",
                Span.SpanKind.SPAN_KIND_CLIENT,
                T,
                12.5)
            .addAttributes(attribute("http.response.status_code", 503))
            .addAttributes(attribute("peer.service", "redis"));

    TelemetryRecord record = decode(Signal.SPAN, spans(CART, span)).get(0);

    SpanRecord s = record.span;
    // a span counts at its end (12.5 ms after its start), when SDKs export it
    assertThat(record.timestampMs).isEqualTo(T + 12);
    assertThat(s.traceIdHex()).isEqualTo("0087f677c0a2cf3f80a551987167911b");
    assertThat(s.spanId).isEqualTo(0xee744a66e6efcb2eL);
    assertThat(s.parentSpanId).isEqualTo(0xa23660ca2e7cc4c8L);
    assertThat(s.operation).isEqualTo("GET /cart");
    assertThat(s.kind).isEqualTo(SpanRecord.KIND_CLIENT);
    assertThat(s.durationMs).isEqualTo(12.5);
    assertThat(s.httpStatusCode).isEqualTo(503);
    assertThat(s.peerService).isEqualTo("redis");
    assertThat(s.isError()).isTrue();
    assertThat(s.isOutgoingCall()).isTrue();
  }

  @Test
  void flattensLogsAndUsesObservedTimeWhenTimeIsMissing() {
    LogRecord observedOnly =
        LogRecord.newBuilder()
            .setObservedTimeUnixNano(T * 1_000_000)
            .setSeverityText("WARN")
            .setBody(
                io.opentelemetry.proto.common.v1.AnyValue.newBuilder().setStringValue("retrying"))
            .build();

    List<TelemetryRecord> records =
        decode(Signal.LOG, logs(CART, log(T, 17, "connection refused"), observedOnly));

    assertThat(records).hasSize(2);
    assertThat(records.get(0).log.severityNumber).isEqualTo(17);
    assertThat(records.get(0).log.body).isEqualTo("connection refused");
    assertThat(records.get(1).timestampMs).isEqualTo(T);
    assertThat(records.get(1).log.severityText).isEqualTo("WARN");
  }

  @Test
  void decodesOtlpJsonTheSameAsProtobuf() {
    ExportMetricsServiceRequest request =
        metrics(CART, gauge("cpu", T, 0.75), gauge("mem", T, 512));

    List<TelemetryRecord> fromProto = decode(Signal.METRIC, request);
    List<TelemetryRecord> fromJson =
        decode(
            Signal.METRIC,
            OtlpEncoding.OTLP_JSON,
            OtlpJson.print(request).getBytes(StandardCharsets.UTF_8));

    assertThat(fromJson).usingRecursiveFieldByFieldElementComparator().isEqualTo(fromProto);
  }

  @Test
  void malformedProtobufIsDeadLetteredWholeWithItsBytesAndPosition() {
    byte[] garbage = {0x0a, (byte) 0xff, 0x01, 0x02};

    List<TelemetryRecord> records = decode(Signal.METRIC, OtlpEncoding.OTLP_PROTO, garbage);

    assertThat(records)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.deadLetter.category).isEqualTo("malformed");
              assertThat(r.deadLetter.reason).contains("otlp_proto", "ExportMetricsServiceRequest");
              assertThat(r.deadLetter.payload).isEqualTo(garbage);
              assertThat(r.deadLetter.sourceTopic).isEqualTo("otlp_metrics");
              assertThat(r.deadLetter.partition).isEqualTo(3);
              assertThat(r.deadLetter.offset).isEqualTo(42);
            });
  }

  @Test
  void malformedJsonIsDeadLettered() {
    List<TelemetryRecord> records =
        decode(
            Signal.SPAN,
            OtlpEncoding.OTLP_JSON,
            "{\"resourceSpans\": [".getBytes(StandardCharsets.UTF_8));

    assertThat(deadLetters(records)).extracting(d -> d.category).containsExactly("malformed");
  }

  @Test
  void oversizedMessageIsDeadLetteredUnread() {
    OtlpDecoder small =
        new OtlpDecoder(
            new DecoderSettings(
                DecoderSettings.DEFAULT_SYSTEM_ATTRIBUTES,
                "default",
                64,
                3_600_000,
                256,
                4096,
                java.util.Set.of()),
            InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));
    byte[] bytes =
        metrics(
                CART,
                gauge("a-rather-long-metric-name-to-pass-64-bytes", T, 1),
                gauge("another", T, 2))
            .toByteArray();
    List<TelemetryRecord> out = new ArrayList<>();

    small.decode(Signal.METRIC, OtlpEncoding.OTLP_PROTO, bytes, POSITION, out::add);

    assertThat(deadLetters(out))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.category).isEqualTo("oversized");
              assertThat(d.payload).isEqualTo(bytes);
            });
  }

  @Test
  void resourceWithoutServiceNameIsDeadLetteredAndTheOthersAreKept() throws Exception {
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(
                metrics(resource("shop", null, "x"), gauge("cpu", T, 1)).getResourceMetrics(0))
            .addResourceMetrics(metrics(CART, gauge("cpu", T, 2)).getResourceMetrics(0))
            .build();

    List<TelemetryRecord> records = decode(Signal.METRIC, request);

    assertThat(telemetry(records)).extracting(r -> r.service).containsExactly("cart");
    DeadLetter letter = deadLetters(records).get(0);
    assertThat(letter.category).isEqualTo("missing_service_name");
    assertThat(letter.reason).contains("service.name");
    ResourceMetrics kept =
        ExportMetricsServiceRequest.parseFrom(letter.payload).getResourceMetrics(0);
    assertThat(kept.getScopeMetrics(0).getMetrics(0).getGauge().getDataPoints(0).getAsDouble())
        .isEqualTo(1);
  }

  @Test
  void
      theSystemIsTheFirstNamingAttributePresentAndAResourceWithoutOneIsCountedThenNamedOrDeadLettered()
          throws Exception {
    Resource current =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", "cart"))
            .addAttributes(attribute("service.namespace", "team-a"))
            .addAttributes(attribute("deployment.environment", "old-name"))
            .addAttributes(attribute("deployment.environment.name", "shop"))
            .build();
    Resource namespaceOnly =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", "ledger"))
            .addAttributes(attribute("service.namespace", "bank"))
            .build();
    Resource blankEnvironment =
        Resource.newBuilder()
            .addAttributes(attribute("service.name", "auth"))
            .addAttributes(attribute("deployment.environment.name", " "))
            .addAttributes(attribute("deployment.environment", "bank"))
            .build();
    Resource none = resource(null, "stray", "stray-1");
    ExportMetricsServiceRequest request =
        ExportMetricsServiceRequest.newBuilder()
            .addResourceMetrics(metrics(current, gauge("cpu", T, 1)).getResourceMetrics(0))
            .addResourceMetrics(metrics(namespaceOnly, gauge("cpu", T, 2)).getResourceMetrics(0))
            .addResourceMetrics(metrics(blankEnvironment, gauge("cpu", T, 3)).getResourceMetrics(0))
            .addResourceMetrics(metrics(none, gauge("cpu", T, 4)).getResourceMetrics(0))
            .build();

    OtlpDecoder named =
        new OtlpDecoder(
            DecoderSettings.defaults(), InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));
    List<TelemetryRecord> records = new ArrayList<>();
    named.decode(
        Signal.METRIC, OtlpEncoding.OTLP_PROTO, request.toByteArray(), POSITION, records::add);
    assertThat(records)
        .extracting(r -> r.system + "/" + r.service)
        .containsExactly("shop/cart", "bank/ledger", "bank/auth", "default/stray");
    assertThat(named.resourcesWithoutSystem()).isEqualTo(1);

    OtlpDecoder strict =
        new OtlpDecoder(
            new DecoderSettings(
                DecoderSettings.DEFAULT_SYSTEM_ATTRIBUTES,
                null,
                16 << 20,
                3_600_000,
                256,
                4096,
                java.util.Set.of()),
            InstantSource.fixed(Instant.ofEpochMilli(NOW_MS)));
    List<TelemetryRecord> strictRecords = new ArrayList<>();
    strict.decode(
        Signal.METRIC,
        OtlpEncoding.OTLP_PROTO,
        request.toByteArray(),
        POSITION,
        strictRecords::add);
    assertThat(telemetry(strictRecords))
        .extracting(r -> r.service)
        .containsExactly("cart", "ledger", "auth");
    assertThat(deadLetters(strictRecords))
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.category).isEqualTo("missing_system");
              assertThat(letter.reason)
                  .contains("deployment.environment.name", "system.default-name");
              assertThat(
                      ExportMetricsServiceRequest.parseFrom(letter.payload)
                          .getResourceMetrics(0)
                          .getResource())
                  .isEqualTo(none);
            });
    assertThat(strict.resourcesWithoutSystem()).isEqualTo(1);
  }

  @Test
  void badPointsAreDeadLetteredOneByOneAndGoodOnesKept() throws Exception {
    long farFuture = NOW_MS + 2 * 3_600_000;
    List<TelemetryRecord> records =
        decode(
            Signal.METRIC,
            metrics(
                CART,
                gauge("ok", T, 1),
                gauge("zero", 0, 1),
                gauge("future", farFuture, 1),
                gauge("nan", T, Double.NaN),
                gauge("inf", T, Double.POSITIVE_INFINITY)));

    assertThat(telemetry(records)).extracting(r -> r.metric.name).containsExactly("ok");
    assertThat(deadLetters(records))
        .extracting(d -> d.category)
        .containsExactly("zero_timestamp", "future_timestamp", "non_finite", "non_finite");
    DeadLetter future = deadLetters(records).get(1);
    Metric only =
        ExportMetricsServiceRequest.parseFrom(future.payload)
            .getResourceMetrics(0)
            .getScopeMetrics(0)
            .getMetrics(0);
    assertThat(only.getName()).isEqualTo("future");
    assertThat(future.reason).contains("clock");
  }

  @Test
  void spanEndingBeforeItStartsIsDeadLettered() throws Exception {
    Span.Builder backwards =
        span(
                "0087f677c0a2cf3f80a551987167911b",
                "ee744a66e6efcb2e",
                null,
                "x",
                Span.SpanKind.SPAN_KIND_SERVER,
                T,
                1)
            .setEndTimeUnixNano((T - 5) * 1_000_000);

    List<TelemetryRecord> records = decode(Signal.SPAN, spans(CART, backwards));

    DeadLetter letter = deadLetters(records).get(0);
    assertThat(letter.category).isEqualTo("negative_duration");
    assertThat(
            ExportTraceServiceRequest.parseFrom(letter.payload)
                .getResourceSpans(0)
                .getScopeSpans(0)
                .getSpans(0)
                .getName())
        .isEqualTo("x");
  }

  @Test
  void logWithoutAnyTimeIsDeadLettered() {
    List<TelemetryRecord> records =
        decode(Signal.LOG, logs(CART, LogRecord.newBuilder().setSeverityNumberValue(9).build()));

    assertThat(deadLetters(records)).extracting(d -> d.category).containsExactly("zero_timestamp");
  }

  @Test
  void nullValueIsDeadLettered() {
    List<TelemetryRecord> records = decode(Signal.LOG, OtlpEncoding.OTLP_PROTO, null);

    assertThat(deadLetters(records)).extracting(d -> d.category).containsExactly("empty");
  }

  @Test
  void longNamesAreCut() {
    String longName = "m".repeat(1000);

    TelemetryRecord record = decode(Signal.METRIC, metrics(CART, gauge(longName, T, 1))).get(0);

    assertThat(record.metric.name).hasSize(DecoderSettings.defaults().maxAttributeLength());
  }
}
