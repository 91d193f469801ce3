package dev.runtimeslicer.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Timestamp;
import com.google.protobuf.UnknownFieldSet;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.EntityRef;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.common.v1.KeyValueList;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The hand-written OTLP/JSON printer against protobuf's JsonFormat (with ids rewritten to hex) and
 * the parser.
 */
class OtlpJsonPrinterTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ByteString TRACE_ID = hex("0087f677c0a2cf3f80a551987167911b");
  private static final ByteString SPAN_ID = hex("ee744a66e6efcb2e");
  private static final ByteString PARENT_ID = hex("00000000000000ff");

  /** Top bit set: only right when printed unsigned. */
  private static final long HUGE_UINT64 = 0xfedcba9876543210L;

  @Test
  void tracesEqualJsonFormatWithHexIdsAndRoundTrip() throws Exception {
    assertPrintsLikeJsonFormatAndRoundTrips(traces(), ExportTraceServiceRequest.newBuilder());
  }

  @Test
  void metricsOfEveryPointTypeEqualJsonFormatAndRoundTrip() throws Exception {
    assertPrintsLikeJsonFormatAndRoundTrips(metrics(), ExportMetricsServiceRequest.newBuilder());
  }

  @Test
  void logsEqualJsonFormatWithHexIdsAndRoundTrip() throws Exception {
    assertPrintsLikeJsonFormatAndRoundTrips(logs(), ExportLogsServiceRequest.newBuilder());
  }

  @Test
  void emptyRequestsAndEmptyNestedMessages() throws Exception {
    assertThat(OtlpJson.print(ExportTraceServiceRequest.getDefaultInstance())).isEqualTo("{}");
    ExportTraceServiceRequest emptyParts =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(
                ResourceSpans.newBuilder()
                    .setResource(Resource.getDefaultInstance())
                    .addScopeSpans(ScopeSpans.getDefaultInstance()))
            .build();
    assertThat(OtlpJson.print(emptyParts))
        .isEqualTo("{\"resourceSpans\":[{\"resource\":{},\"scopeSpans\":[{}]}]}");
    assertPrintsLikeJsonFormatAndRoundTrips(emptyParts, ExportTraceServiceRequest.newBuilder());
  }

  @Test
  void printsTheExactOtlpJsonForm() {
    Span span =
        Span.newBuilder()
            .setTraceId(TRACE_ID)
            .setSpanId(SPAN_ID)
            .setName("GET /cart \"x\"\n")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .setStartTimeUnixNano(HUGE_UINT64)
            .setEndTimeUnixNano(0)
            .setFlags(0x101)
            .addAttributes(
                KeyValue.newBuilder().setKey("zero").setValue(AnyValue.newBuilder().setIntValue(0)))
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();

    assertThat(OtlpJson.print(span))
        .isEqualTo(
            "{\"traceId\":\"0087f677c0a2cf3f80a551987167911b\",\"spanId\":\"ee744a66e6efcb2e\","
                + "\"name\":\"GET /cart \\\"x\\\"\\n\",\"kind\":2,\"startTimeUnixNano\":\""
                + Long.toUnsignedString(HUGE_UINT64)
                + "\",\"attributes\":[{\"key\":\"zero\",\"value\":{\"intValue\":\"0\"}}],"
                + "\"status\":{\"code\":2},\"flags\":257}");
    assertThat(OtlpJson.printUtf8(span))
        .isEqualTo(OtlpJson.print(span).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void setOptionalAndOneofFieldsArePrintedEvenWhenZero() {
    HistogramDataPoint point = HistogramDataPoint.newBuilder().setSum(0).setMin(-0.0).build();
    assertThat(OtlpJson.print(point)).isEqualTo("{\"sum\":0.0,\"min\":-0.0}");
    assertThat(OtlpJson.print(AnyValue.newBuilder().setBoolValue(false).build()))
        .isEqualTo("{\"boolValue\":false}");
    assertThat(OtlpJson.print(AnyValue.newBuilder().setStringValue("").build()))
        .isEqualTo("{\"stringValue\":\"\"}");
    assertThat(OtlpJson.print(AnyValue.newBuilder().setDoubleValue(Double.NaN).build()))
        .isEqualTo("{\"doubleValue\":\"NaN\"}");
    assertThat(OtlpJson.print(AnyValue.newBuilder().setBytesValue(ByteString.EMPTY).build()))
        .isEqualTo("{\"bytesValue\":\"\"}");
    assertThat(OtlpJson.print(HistogramDataPoint.getDefaultInstance())).isEqualTo("{}");
  }

  @Test
  void sixtyFourBitIntegersPrintExactly() throws Exception {
    java.util.SplittableRandom random = new java.util.SplittableRandom(1);
    List<Long> values =
        new java.util.ArrayList<>(
            List.of(
                0L,
                1L,
                -1L,
                9L,
                10L,
                -10L,
                Long.MIN_VALUE,
                Long.MAX_VALUE,
                Long.MIN_VALUE + 1,
                999_999_999_999_999_999L,
                1_000_000_000_000_000_000L,
                HUGE_UINT64));
    for (int i = 0; i < 1000; i++) {
      values.add(random.nextLong() >> random.nextInt(64));
    }
    for (long value : values) {
      assertThat(OtlpJson.print(AnyValue.newBuilder().setIntValue(value).build())) // int64
          .isEqualTo("{\"intValue\":\"" + value + "\"}");
      assertThat(
              OtlpJson.print(
                  NumberDataPoint.newBuilder()
                      .setTimeUnixNano(value)
                      .setAsInt(value)
                      .build())) // fixed64, sfixed64
          .isEqualTo(
              "{"
                  + (value == 0 ? "" : "\"timeUnixNano\":\"" + Long.toUnsignedString(value) + "\",")
                  + "\"asInt\":\""
                  + value
                  + "\"}");
      assertThat(
              OtlpJson.print(
                  ExponentialHistogramDataPoint.Buckets.newBuilder()
                      .addBucketCounts(value)
                      .build())) // uint64
          .isEqualTo("{\"bucketCounts\":[\"" + Long.toUnsignedString(value) + "\"]}");
    }
  }

  @Test
  void unknownFieldsAreSkipped() throws Exception {
    Span span =
        Span.newBuilder()
            .setName("s")
            .setSpanId(SPAN_ID)
            .setUnknownFields(
                UnknownFieldSet.newBuilder()
                    .addField(
                        99,
                        UnknownFieldSet.Field.newBuilder()
                            .addVarint(7)
                            .addFixed32(1)
                            .addFixed64(2)
                            .addLengthDelimited(ByteString.copyFromUtf8("junk"))
                            .build())
                    .addField(
                        1,
                        UnknownFieldSet.Field.newBuilder()
                            .addVarint(3)
                            .build()) // a trace id with the wrong type
                    .build())
            .build();
    Span parsedWithUnknowns = Span.parseFrom(span.toByteArray());

    assertThat(OtlpJson.print(parsedWithUnknowns))
        .isEqualTo("{\"spanId\":\"ee744a66e6efcb2e\",\"name\":\"s\"}");
  }

  @Test
  void dynamicMessagesPrintLikeGeneratedOnes() throws Exception {
    for (Message message : List.<Message>of(traces(), metrics(), logs())) {
      DynamicMessage dynamic =
          DynamicMessage.parseFrom(message.getDescriptorForType(), message.toByteArray());
      assertThat(OtlpJson.print(dynamic)).isEqualTo(OtlpJson.print(message));
    }
  }

  @Test
  void wellKnownTypesFallBackToJsonFormat() throws Exception {
    Struct struct =
        Struct.newBuilder()
            .putFields("a", Value.newBuilder().setNumberValue(1.5).build())
            .putFields("b", Value.newBuilder().setStringValue("x").build())
            .build();
    assertThat(tree(OtlpJson.print(struct))).isEqualTo(tree("{\"a\":1.5,\"b\":\"x\"}"));
    Timestamp timestamp = Timestamp.newBuilder().setSeconds(1_700_000_000).setNanos(5).build();
    assertThat(OtlpJson.print(timestamp)).isEqualTo(JsonFormat.printer().print(timestamp));
  }

  @Test
  void everyStringSurvivesTheRoundTrip() throws Exception {
    String nasty =
        "quote\" backslash\\ slash/ tab\t nul\u0000 bell\u0007 del\u007f é 中文 \ud83d\ude00"
            + " \u2028\u2029 <&>'=";
    AnyValue value = AnyValue.newBuilder().setStringValue(nasty).build();
    assertPrintsLikeJsonFormatAndRoundTrips(value, AnyValue.newBuilder());
  }

  private static <T extends Message> void assertPrintsLikeJsonFormatAndRoundTrips(
      T message, Message.Builder builder) throws Exception {
    String json = OtlpJson.print(message);

    assertThat(json).doesNotContain("\n");
    assertThat(tree(json)).isEqualTo(tree(ReferencePrinter.print(message)));
    OtlpJson.merge(json, builder);
    assertThat(builder.build()).isEqualTo(message);
  }

  private static JsonNode tree(String json) throws IOException {
    return MAPPER.readTree(json);
  }

  // ---- rich messages ----

  private static ByteString hex(String hex) {
    return ByteString.copyFrom(HexFormat.of().parseHex(hex));
  }

  private static KeyValue kv(String key, AnyValue value) {
    return KeyValue.newBuilder().setKey(key).setValue(value).build();
  }

  private static List<KeyValue> everyAnyValue() {
    AnyValue nestedArray =
        AnyValue.newBuilder()
            .setArrayValue(
                ArrayValue.newBuilder()
                    .addValues(AnyValue.newBuilder().setIntValue(-1))
                    .addValues(AnyValue.newBuilder().setDoubleValue(Double.POSITIVE_INFINITY))
                    .addValues(AnyValue.getDefaultInstance())
                    .addValues(AnyValue.newBuilder().setArrayValue(ArrayValue.getDefaultInstance()))
                    .addValues(
                        AnyValue.newBuilder()
                            .setKvlistValue(
                                KeyValueList.newBuilder()
                                    .addValues(
                                        kv(
                                            "deep",
                                            AnyValue.newBuilder().setBoolValue(true).build())))))
            .build();
    return List.of(
        kv("string", AnyValue.newBuilder().setStringValue("héllo \"wörld\" 😀").build()),
        kv("emptyString", AnyValue.newBuilder().setStringValue("").build()),
        kv("true", AnyValue.newBuilder().setBoolValue(true).build()),
        kv("false", AnyValue.newBuilder().setBoolValue(false).build()),
        kv("int", AnyValue.newBuilder().setIntValue(Long.MIN_VALUE).build()),
        kv("maxInt", AnyValue.newBuilder().setIntValue(Long.MAX_VALUE).build()),
        kv("zeroInt", AnyValue.newBuilder().setIntValue(0).build()),
        kv("double", AnyValue.newBuilder().setDoubleValue(12.5).build()),
        kv("tinyDouble", AnyValue.newBuilder().setDoubleValue(4.9e-324).build()),
        kv("bigDouble", AnyValue.newBuilder().setDoubleValue(1.7976931348623157e308).build()),
        kv("nan", AnyValue.newBuilder().setDoubleValue(Double.NaN).build()),
        kv("minusInfinity", AnyValue.newBuilder().setDoubleValue(Double.NEGATIVE_INFINITY).build()),
        kv("zeroDouble", AnyValue.newBuilder().setDoubleValue(0).build()),
        kv(
            "bytes",
            AnyValue.newBuilder()
                .setBytesValue(ByteString.copyFrom(new byte[] {0, -1, 127, -128, 42}))
                .build()),
        kv("array", nestedArray),
        kv(
            "kvlist",
            AnyValue.newBuilder()
                .setKvlistValue(
                    KeyValueList.newBuilder()
                        .addValues(kv("a", nestedArray))
                        .addValues(kv("", AnyValue.getDefaultInstance())))
                .build()),
        kv("unset", AnyValue.getDefaultInstance()),
        KeyValue.newBuilder().setKey("noValue").build());
  }

  private static Resource resource(String service) {
    return Resource.newBuilder()
        .addAttributes(kv("service.name", AnyValue.newBuilder().setStringValue(service).build()))
        .addAllAttributes(everyAnyValue())
        .setDroppedAttributesCount(3)
        .addEntityRefs(
            EntityRef.newBuilder()
                .setType("service")
                .setSchemaUrl("https://x")
                .addIdKeys("service.name")
                .addDescriptionKeys("a")
                .addDescriptionKeys("b"))
        .build();
  }

  private static InstrumentationScope scope() {
    return InstrumentationScope.newBuilder()
        .setName("runtimeslicer")
        .setVersion("1.0")
        .addAttributes(kv("scope.attr", AnyValue.newBuilder().setIntValue(7).build()))
        .setDroppedAttributesCount(1)
        .build();
  }

  static ExportTraceServiceRequest traces() {
    Span full =
        Span.newBuilder()
            .setTraceId(TRACE_ID)
            .setSpanId(SPAN_ID)
            .setParentSpanId(PARENT_ID)
            .setTraceState("k=v,x=y")
            .setFlags(0x300)
            .setName("GET /cart")
            .setKind(Span.SpanKind.SPAN_KIND_CLIENT)
            .setStartTimeUnixNano(1_767_225_600_000_000_000L)
            .setEndTimeUnixNano(HUGE_UINT64)
            .addAllAttributes(everyAnyValue())
            .setDroppedAttributesCount(2)
            .addEvents(
                Span.Event.newBuilder()
                    .setName("exception")
                    .setTimeUnixNano(5)
                    .addAttributes(
                        kv(
                            "exception.type",
                            AnyValue.newBuilder().setStringValue("IOException").build()))
                    .setDroppedAttributesCount(4))
            .addEvents(Span.Event.getDefaultInstance())
            .setDroppedEventsCount(5)
            .addLinks(
                Span.Link.newBuilder()
                    .setTraceId(hex("ffffffffffffffffffffffffffffffff"))
                    .setSpanId(hex("0000000000000001"))
                    .setTraceState("a=b")
                    .addAttributes(kv("link", AnyValue.newBuilder().setBoolValue(true).build()))
                    .setDroppedAttributesCount(-1)
                    .setFlags(0x80000001)) // uint32 and fixed32 with the top bit set
            .addLinks(Span.Link.newBuilder().setTraceId(TRACE_ID).setSpanId(PARENT_ID))
            .setDroppedLinksCount(7)
            .setStatus(
                Status.newBuilder().setMessage("boom").setCode(Status.StatusCode.STATUS_CODE_ERROR))
            .build();
    Span root =
        Span.newBuilder()
            .setTraceId(TRACE_ID)
            .setSpanId(PARENT_ID)
            .setName("root")
            .setKindValue(99)
            .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK))
            .build();
    return ExportTraceServiceRequest.newBuilder()
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource("cart"))
                .setSchemaUrl("https://schema/1")
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(scope())
                        .setSchemaUrl("https://schema/2")
                        .addSpans(full)
                        .addSpans(root)
                        .addSpans(Span.getDefaultInstance())))
        .addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resource("checkout"))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(root)))
        .build();
  }

  private static Exemplar.Builder exemplar() {
    return Exemplar.newBuilder()
        .setTimeUnixNano(HUGE_UINT64)
        .setTraceId(TRACE_ID)
        .setSpanId(SPAN_ID)
        .addFilteredAttributes(kv("user", AnyValue.newBuilder().setStringValue("u1").build()));
  }

  static ExportMetricsServiceRequest metrics() {
    List<KeyValue> attributes =
        List.of(kv("route", AnyValue.newBuilder().setStringValue("/a").build()));
    Metric gauge =
        Metric.newBuilder()
            .setName("gauge")
            .setDescription("d")
            .setUnit("ms")
            .addMetadata(kv("meta", AnyValue.newBuilder().setStringValue("m").build()))
            .setGauge(
                Gauge.newBuilder()
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(1)
                            .setAsDouble(Double.NaN)
                            .addAllAttributes(attributes))
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(2)
                            .setAsDouble(Double.POSITIVE_INFINITY))
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(3)
                            .setAsDouble(Double.NEGATIVE_INFINITY))
                    .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(4).setAsDouble(0))
                    .addDataPoints(NumberDataPoint.newBuilder().setTimeUnixNano(5).setAsInt(0))
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setStartTimeUnixNano(HUGE_UINT64)
                            .setAsInt(-42)
                            .setFlags(1)
                            .addExemplars(exemplar().setAsDouble(1.25))
                            .addExemplars(exemplar().setAsInt(Long.MIN_VALUE))))
            .build();
    Metric sum =
        Metric.newBuilder()
            .setName("sum")
            .setSum(
                Sum.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .setIsMonotonic(true)
                    .addDataPoints(
                        NumberDataPoint.newBuilder()
                            .setTimeUnixNano(6)
                            .setAsInt(Long.MAX_VALUE)
                            .addAllAttributes(attributes)))
            .build();
    Metric histogram =
        Metric.newBuilder()
            .setName("histogram")
            .setHistogram(
                Histogram.newBuilder()
                    .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA)
                    .addDataPoints(
                        HistogramDataPoint.newBuilder()
                            .setStartTimeUnixNano(7)
                            .setTimeUnixNano(8)
                            .setCount(-1L)
                            .setSum(0)
                            .setMin(-1.5)
                            .setMax(1e300)
                            .addAllBucketCounts(List.of(0L, 1L, HUGE_UINT64, -1L))
                            .addAllExplicitBounds(List.of(-0.5, 0.0, 2.5e-8))
                            .addExemplars(exemplar().setAsDouble(3))
                            .addAllAttributes(attributes)
                            .setFlags(1))
                    .addDataPoints(HistogramDataPoint.newBuilder().setTimeUnixNano(9).setCount(3)))
            .build();
    Metric exponential =
        Metric.newBuilder()
            .setName("exponential")
            .setExponentialHistogram(
                ExponentialHistogram.newBuilder()
                    .setAggregationTemporality(
                        AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                    .addDataPoints(
                        ExponentialHistogramDataPoint.newBuilder()
                            .setTimeUnixNano(10)
                            .setCount(HUGE_UINT64)
                            .setSum(12)
                            .setScale(-3)
                            .setZeroCount(HUGE_UINT64)
                            .setZeroThreshold(1e-9)
                            .setMin(0)
                            .setMax(Double.MAX_VALUE)
                            .setFlags(1)
                            .setPositive(
                                ExponentialHistogramDataPoint.Buckets.newBuilder()
                                    .setOffset(-5)
                                    .addAllBucketCounts(List.of(1L, 0L, HUGE_UINT64)))
                            .setNegative(
                                ExponentialHistogramDataPoint.Buckets.newBuilder()
                                    .setOffset(Integer.MIN_VALUE)
                                    .addBucketCounts(Long.MAX_VALUE))
                            .addExemplars(exemplar().setAsInt(9))
                            .addAllAttributes(attributes))
                    .addDataPoints(
                        ExponentialHistogramDataPoint.newBuilder()
                            .setScale(20)
                            .setPositive(
                                ExponentialHistogramDataPoint.Buckets.getDefaultInstance())))
            .build();
    Metric summary =
        Metric.newBuilder()
            .setName("summary")
            .setSummary(
                Summary.newBuilder()
                    .addDataPoints(
                        SummaryDataPoint.newBuilder()
                            .setTimeUnixNano(11)
                            .setCount(4)
                            .setSum(Double.NaN)
                            .setFlags(1)
                            .addAllAttributes(attributes)
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0)
                                    .setValue(1))
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.newBuilder()
                                    .setQuantile(0.99)
                                    .setValue(-2.5))
                            .addQuantileValues(
                                SummaryDataPoint.ValueAtQuantile.getDefaultInstance())))
            .build();
    Metric nothing = Metric.newBuilder().setName("no data").build();
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            ResourceMetrics.newBuilder()
                .setResource(resource("cart"))
                .setSchemaUrl("s")
                .addScopeMetrics(
                    ScopeMetrics.newBuilder()
                        .setScope(scope())
                        .setSchemaUrl("t")
                        .addMetrics(gauge)
                        .addMetrics(sum)
                        .addMetrics(histogram)
                        .addMetrics(exponential)
                        .addMetrics(summary)
                        .addMetrics(nothing)))
        .build();
  }

  static ExportLogsServiceRequest logs() {
    ScopeLogs.Builder scope = ScopeLogs.newBuilder().setScope(scope()).setSchemaUrl("u");
    scope.addLogRecords(
        LogRecord.newBuilder()
            .setTimeUnixNano(HUGE_UINT64)
            .setObservedTimeUnixNano(12)
            .setSeverityNumber(SeverityNumber.SEVERITY_NUMBER_ERROR)
            .setSeverityText("ERROR")
            .setBody(
                AnyValue.newBuilder().setStringValue("payment failed: \"card\" declined\n\tat x"))
            .addAllAttributes(everyAnyValue())
            .setDroppedAttributesCount(8)
            .setFlags(1)
            .setTraceId(TRACE_ID)
            .setSpanId(SPAN_ID)
            .setEventName("payment.failed"));
    for (KeyValue body : everyAnyValue()) {
      scope.addLogRecords(
          LogRecord.newBuilder().setBody(body.getValue()).setSeverityNumberValue(77));
    }
    scope.addLogRecords(LogRecord.getDefaultInstance());
    return ExportLogsServiceRequest.newBuilder()
        .addResourceLogs(
            ResourceLogs.newBuilder().setResource(resource("payments")).addScopeLogs(scope))
        .build();
  }

  /**
   * How OTLP/JSON was printed before the hand-written printer: JsonFormat, then every base64 id
   * rewritten to hex in a second streaming pass. Kept only to compare against.
   */
  static final class ReferencePrinter {

    private static final Set<String> IDS = Set.of("traceId", "spanId", "parentSpanId");
    private static final JsonFactory JSON = new JsonFactory();
    private static final JsonFormat.Printer PRINTER =
        JsonFormat.printer().omittingInsignificantWhitespace().printingEnumsAsInts();

    static String print(Message message) throws IOException {
      String json = PRINTER.print(message);
      StringWriter out = new StringWriter();
      try (JsonParser parser = JSON.createParser(json);
          JsonGenerator generator = JSON.createGenerator(out)) {
        String field = null;
        for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
          if (token == JsonToken.FIELD_NAME) {
            field = parser.currentName();
          } else if (token == JsonToken.VALUE_STRING && field != null && IDS.contains(field)) {
            generator.writeString(
                HexFormat.of().formatHex(Base64.getDecoder().decode(parser.getText())));
            field = null;
            continue;
          }
          generator.copyCurrentEvent(parser);
          if (token != JsonToken.FIELD_NAME) {
            field = null;
          }
        }
      }
      return out.toString();
    }
  }
}
