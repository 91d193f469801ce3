package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.simulator.otlp.LogBatch;
import dev.runtimeslicer.simulator.otlp.TraceBatch;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Telemetry reaches the sink as SDKs deliver it: spans after they end, in batches, never before
 * their time.
 */
class ExportTimingTest {

  private static final long TICK_NANOS = 1_000_000_000L;

  /**
   * Records, for every span and log record, how long after its time it was delivered (simulated
   * clock).
   */
  private static final class DelaySink implements TelemetrySink {
    final List<Long> spanDelays = new ArrayList<>();
    final List<Long> spanEnds = new ArrayList<>();
    final List<Long> logDelays = new ArrayList<>();
    long deliveredAt;
    long clock;

    @Override
    public void traces(ExportTraceServiceRequest request) {
      request
          .getResourceSpansList()
          .forEach(
              r ->
                  r.getScopeSpansList()
                      .forEach(
                          s ->
                              s.getSpansList()
                                  .forEach(
                                      span -> {
                                        spanEnds.add(span.getEndTimeUnixNano());
                                        spanDelays.add(deliveredAt - span.getEndTimeUnixNano());
                                      })));
    }

    @Override
    public void metrics(ExportMetricsServiceRequest request) {}

    @Override
    public void logs(ExportLogsServiceRequest request) {
      request
          .getResourceLogsList()
          .forEach(
              r ->
                  r.getScopeLogsList()
                      .forEach(
                          s ->
                              s.getLogRecordsList()
                                  .forEach(
                                      log -> logDelays.add(deliveredAt - log.getTimeUnixNano()))));
    }

    @Override
    public void label(FaultLabel label) {}

    @Override
    public void advanceTo(long simulatedNanos) {
      // everything of the next tick is delivered by its end
      clock = simulatedNanos;
      deliveredAt = simulatedNanos + TICK_NANOS;
    }
  }

  @Test
  void spansAreDeliveredAfterTheyEndWithinTheirBatchDelayAndLogsAfterTheirTime() {
    DelaySink sink = new DelaySink();
    Simulation simulation =
        Simulation.builder()
            .system("online-shop")
            .duration(Duration.ofSeconds(120))
            .rate(20)
            .traceSampling(1.0)
            .seed(5)
            .build();
    // the first tick's deliveries happen before any advanceTo
    sink.deliveredAt = simulation.start().getEpochSecond() * TICK_NANOS + TICK_NANOS;
    simulation.run(sink);

    assertThat(sink.spanDelays).hasSizeGreaterThan(1000);
    // Spans ended before they are delivered, and wait at most one export period plus the tick.
    long lastTick = sink.clock;
    for (int i = 0; i < sink.spanDelays.size(); i++) {
      if (sink.spanEnds.get(i) < lastTick) {
        assertThat(sink.spanDelays.get(i))
            .isBetween(0L, TraceBatch.EXPORT_PERIOD_NANOS + TICK_NANOS);
      }
    }
    // ...and spread over the period, not all at once: instances export at their own moments.
    assertThat(sink.spanDelays.stream().filter(d -> d > TraceBatch.EXPORT_PERIOD_NANOS / 2).count())
        .isGreaterThan(sink.spanDelays.size() / 5);
    assertThat(sink.logDelays)
        .isNotEmpty()
        .allSatisfy(d -> assertThat(d).isGreaterThanOrEqualTo(0L));
    assertThat(
            sink.logDelays.stream()
                .filter(d -> d <= LogBatch.EXPORT_PERIOD_NANOS + TICK_NANOS)
                .count())
        .isGreaterThan(sink.logDelays.size() * 9 / 10);
  }
}
