package dev.runtimeslicer.simulator.otlp;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Spans as an SDK's batch span processor exports them: each held from its end until its instance's
 * next export (every {@link #EXPORT_PERIOD_NANOS}, the OpenTelemetry SDK's default schedule delay),
 * then turned into export requests of at most {@code maxSpans} spans each (so a Kafka message stays
 * well below its size limit).
 */
public final class TraceBatch {

  /** The batch span processor's default schedule delay (OTEL_BSP_SCHEDULE_DELAY, 5 s). */
  public static final long EXPORT_PERIOD_NANOS = 5_000_000_000L;

  private final Resources resources;
  private final int maxSpans;
  private final InstanceBuffer<Span> spans;
  private final ExportSchedule<Span> schedule = new ExportSchedule<>(EXPORT_PERIOD_NANOS);

  /** An empty batch. */
  public TraceBatch(Resources resources, int instances, int maxSpans) {
    this.resources = resources;
    this.maxSpans = maxSpans;
    this.spans = new InstanceBuffer<>(instances);
  }

  /** Adds a span reported by {@code instance}; it is exported after it ends. */
  public void add(int instance, Span span) {
    schedule.add(instance, span, span.getEndTimeUnixNano());
  }

  /** Takes into the batch every span its instance has exported by {@code nowNanos}. */
  public void exportDue(long nowNanos) {
    schedule.moveDue(nowNanos, spans);
  }

  /** Spans in the batch. */
  public int size() {
    return spans.size();
  }

  /** Spans recorded and not exported yet. */
  public int waiting() {
    return schedule.size();
  }

  /** The export requests for the batch, then clears it. */
  public List<ExportTraceServiceRequest> drain() {
    List<ExportTraceServiceRequest> requests = new ArrayList<>();
    ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
    int inRequest = 0;
    for (int i = 0; i < spans.touchedCount(); i++) {
      int instance = spans.touched(i);
      List<Span> items = spans.items(instance);
      for (int from = 0; from < items.size(); ) {
        int to = Math.min(items.size(), from + maxSpans - inRequest);
        request.addResourceSpans(
            ResourceSpans.newBuilder()
                .setResource(resources.of(instance))
                .addScopeSpans(
                    ScopeSpans.newBuilder()
                        .setScope(Resources.SCOPE)
                        .addAllSpans(items.subList(from, to))));
        inRequest += to - from;
        from = to;
        if (inRequest >= maxSpans) {
          requests.add(request.build());
          request = ExportTraceServiceRequest.newBuilder();
          inRequest = 0;
        }
      }
    }
    if (inRequest > 0) {
      requests.add(request.build());
    }
    spans.clear();
    return requests;
  }
}
