package dev.runtimeslicer.model.source;

import com.google.protobuf.ByteString;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/** Flattens OTLP spans into span records, each timed by its end. */
final class SpanFlattener {

  private static final double NANOS_PER_MILLI_D = 1_000_000.0;

  private final FlatteningContext context;

  SpanFlattener(FlatteningContext context) {
    this.context = context;
  }

  /** Flattens every span of {@code request}. */
  void flatten(ExportTraceServiceRequest request) {
    for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
      ResourceIdentity id = context.identity(resourceSpans.getResource());
      if (!context.acceptResource(
          id,
          Signal.SPAN,
          ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans).build())) {
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
    String problem = context.timeProblem(span.getStartTimeUnixNano());
    if (problem == null && span.getEndTimeUnixNano() < span.getStartTimeUnixNano()) {
      problem = "negative_duration";
    }
    if (problem == null) {
      problem = context.timeProblem(span.getEndTimeUnixNano());
    }
    if (problem != null) {
      context.rejectItem(
          problem,
          "span " + context.cut(span.getName()),
          ExportTraceServiceRequest.newBuilder()
              .addResourceSpans(
                  resource.toBuilder()
                      .clearScopeSpans()
                      .addScopeSpans(scope.toBuilder().clearSpans().addSpans(span)))
              .build());
      return;
    }
    SpanRecord record = new SpanRecord();
    ByteString traceId = span.getTraceId();
    record.traceIdHigh = OtlpValues.idBits(traceId, 0, traceId.size() - Long.BYTES);
    record.traceIdLow =
        OtlpValues.idBits(traceId, Math.max(0, traceId.size() - Long.BYTES), traceId.size());
    record.spanId = OtlpValues.idBits(span.getSpanId(), 0, span.getSpanId().size());
    record.parentSpanId =
        OtlpValues.idBits(span.getParentSpanId(), 0, span.getParentSpanId().size());
    record.operation = context.cut(span.getName());
    record.kind = span.getKindValue();
    record.durationMs =
        (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / NANOS_PER_MILLI_D;
    record.statusCode = span.getStatus().getCodeValue();
    for (KeyValue attribute : span.getAttributesList()) {
      switch (attribute.getKey()) {
        case "http.response.status_code", "http.status_code" ->
            record.httpStatusCode = OtlpValues.intOf(attribute.getValue());
        case "rpc.grpc.status_code" ->
            record.rpcStatusCode = OtlpValues.intOf(attribute.getValue());
        case "peer.service" ->
            record.peerService = context.cut(OtlpValues.stringOf(attribute.getValue()));
        default -> {}
      }
    }
    // A span counts where it ends: SDKs export it then, so a slow request is not late for its
    // window however long it ran, and a window sees the requests that completed in it.
    TelemetryRecord telemetry = context.record(Signal.SPAN, id, span.getEndTimeUnixNano());
    telemetry.span = record;
    if (record.spanId != 0) {
      // a span id is unique within its trace by definition
      telemetry.recordId =
          new RecordIdHash()
              .add(Signal.SPAN.ordinal())
              .add(record.traceIdHigh)
              .add(record.traceIdLow)
              .add(record.spanId)
              .id();
    }
    context.emit(telemetry);
  }
}
