package dev.runtimeslicer.jobs;

import static dev.runtimeslicer.testkit.OtlpRequests.*;

import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;

/**
 * A small, exactly known stretch of telemetry of system "shop" (frontend calling cart) in the
 * window [t0, t0 + 60 s), used by the end-to-end tests to check slice features value by value.
 */
final class TelemetryScenario {

  static final String SYSTEM = "shop";
  final long t0;
  final Resource frontend = resource(SYSTEM, "frontend", "frontend-1");
  final Resource cart = resource(SYSTEM, "cart", "cart-1");

  /**
   * @param t0 window start, a multiple of 60 s
   */
  TelemetryScenario(long t0) {
    this.t0 = t0;
  }

  /** Frontend CPU 0.2 at t0+5s and 0.4 at t0+35s; cart CPU 0.9 at t0+15s. */
  List<ExportMetricsServiceRequest> metricRequests() {
    return List.of(
        metrics(frontend, gauge("cpu", t0 + 5_000, 0.2)),
        metrics(cart, gauge("cpu", t0 + 15_000, 0.9)),
        metrics(frontend, gauge("cpu", t0 + 35_000, 0.4)));
  }

  /**
   * Three requests; each frontend request calls cart (parent link only); the last one fails with a
   * slow cart. Exported as an SDK does, one batch per request as it ends, both services in it (a
   * Collector batch mixes services), so no span arrives more than a batch after newer ones.
   */
  List<ExportTraceServiceRequest> spanRequests() {
    return List.of(
        batch(
            spans(
                frontend,
                span(
                    trace(1),
                    "f000000000000001",
                    null,
                    "GET /cart",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    t0 + 1_000,
                    20),
                span(
                    trace(1),
                    "f000000000000002",
                    "f000000000000001",
                    "cart/Get",
                    Span.SpanKind.SPAN_KIND_CLIENT,
                    t0 + 1_002,
                    15)),
            spans(
                cart,
                span(
                    trace(1),
                    "c000000000000001",
                    "f000000000000002",
                    "Get",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    t0 + 1_003,
                    10))),
        batch(
            spans(
                frontend,
                span(
                    trace(2),
                    "f000000000000003",
                    null,
                    "GET /cart",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    t0 + 21_000,
                    40),
                span(
                    trace(2),
                    "f000000000000004",
                    "f000000000000003",
                    "cart/Get",
                    Span.SpanKind.SPAN_KIND_CLIENT,
                    t0 + 21_002,
                    35)),
            spans(
                cart,
                span(
                    trace(2),
                    "c000000000000002",
                    "f000000000000004",
                    "Get",
                    Span.SpanKind.SPAN_KIND_SERVER,
                    t0 + 21_003,
                    30))),
        batch(
            spans(
                frontend,
                failed(
                    span(
                        trace(3),
                        "f000000000000005",
                        null,
                        "GET /cart",
                        Span.SpanKind.SPAN_KIND_SERVER,
                        t0 + 41_000,
                        900)),
                failed(
                    span(
                        trace(3),
                        "f000000000000006",
                        "f000000000000005",
                        "cart/Get",
                        Span.SpanKind.SPAN_KIND_CLIENT,
                        t0 + 41_002,
                        880))),
            spans(
                cart,
                failed(
                    span(
                        trace(3),
                        "c000000000000003",
                        "f000000000000006",
                        "Get",
                        Span.SpanKind.SPAN_KIND_SERVER,
                        t0 + 41_003,
                        870)))));
  }

  private static ExportTraceServiceRequest batch(
      ExportTraceServiceRequest first, ExportTraceServiceRequest second) {
    return first.toBuilder().addAllResourceSpans(second.getResourceSpansList()).build();
  }

  /** Two INFO lines of one template and one ERROR line in cart. */
  List<ExportLogsServiceRequest> logRequests() {
    return List.of(
        logs(
            cart,
            log(t0 + 1_004, 9, "cart 1001 fetched with 3 items"),
            log(t0 + 21_004, 9, "cart 1002 fetched with 5 items"),
            log(t0 + 41_004, 17, "redis timeout after 850ms")));
  }

  static String trace(int n) {
    return String.format("%032x", n);
  }
}
