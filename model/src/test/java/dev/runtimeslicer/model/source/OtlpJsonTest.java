package dev.runtimeslicer.model.source;

import static dev.runtimeslicer.testkit.OtlpRequests.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;

class OtlpJsonTest {

  private static final String TRACE_ID = "0087f677c0a2cf3f80a551987167911b";
  private static final String SPAN_ID = "ee744a66e6efcb2e";

  @Test
  void printsIdsAsHexAndReadsThemBack() throws Exception {
    ExportTraceServiceRequest request =
        spans(
            resource("shop", "frontend", "pod-1"),
            span(
                TRACE_ID,
                SPAN_ID,
                "a23660ca2e7cc4c8",
                "GET /cart",
                Span.SpanKind.SPAN_KIND_SERVER,
                1_000,
                12.5));

    String json = OtlpJson.print(request);

    assertThat(json)
        .contains(
            "\"traceId\":\"" + TRACE_ID + "\"",
            "\"spanId\":\"" + SPAN_ID + "\"",
            "\"parentSpanId\":\"a23660ca2e7cc4c8\"");
    ExportTraceServiceRequest.Builder parsed = ExportTraceServiceRequest.newBuilder();
    OtlpJson.merge(json, parsed);
    assertThat(parsed.build()).isEqualTo(request);
  }

  @Test
  void readsCollectorStyleJsonWithKindAsNumberAndTimesAsStrings() throws Exception {
    String json =
        "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\","
            + "\"value\":{\"stringValue\":\"cart\"}}]},"
            + "\"scopeSpans\":[{\"spans\":[{\"traceId\":\""
            + TRACE_ID
            + "\",\"spanId\":\""
            + SPAN_ID
            + "\",\"parentSpanId\":\"\","
            + "\"name\":\"GetCart\",\"kind\":2,\"startTimeUnixNano\":\"1661140374351773094\","
            + "\"endTimeUnixNano\":\"1661140374362982609\"}]}]}]}";
    ExportTraceServiceRequest.Builder parsed = ExportTraceServiceRequest.newBuilder();

    OtlpJson.merge(json, parsed);

    Span span = parsed.getResourceSpans(0).getScopeSpans(0).getSpans(0);
    assertThat(span.getKind()).isEqualTo(Span.SpanKind.SPAN_KIND_SERVER);
    assertThat(span.getStartTimeUnixNano()).isEqualTo(1661140374351773094L);
    assertThat(span.getTraceId().toByteArray()).hasSize(16);
    assertThat(span.getParentSpanId().isEmpty()).isTrue();
  }

  @Test
  void readsBareNaNAsANumber() throws Exception {
    String json =
        "{\"resourceMetrics\":[{\"scopeMetrics\":[{\"metrics\":[{\"name\":\"m\",\"gauge\":{\"dataPoints\":"
            + "[{\"timeUnixNano\":\"1\",\"asDouble\":NaN},{\"timeUnixNano\":\"2\",\"asDouble\":2.5}]}}]}]}]}";
    ExportMetricsServiceRequest.Builder parsed = ExportMetricsServiceRequest.newBuilder();

    OtlpJson.merge(json, parsed);

    var points =
        parsed
            .getResourceMetrics(0)
            .getScopeMetrics(0)
            .getMetrics(0)
            .getGauge()
            .getDataPointsList();
    assertThat(points.get(0).getAsDouble()).isNaN();
    assertThat(points.get(1).getAsDouble()).isEqualTo(2.5);
  }

  @Test
  void rejectsTruncatedJson() {
    assertThatThrownBy(
            () -> OtlpJson.merge("{\"resourceSpans\":[{", ExportTraceServiceRequest.newBuilder()))
        .isInstanceOf(InvalidProtocolBufferException.class)
        .hasMessageContaining("malformed JSON");
  }
}
