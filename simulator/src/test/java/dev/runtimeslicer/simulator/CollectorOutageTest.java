package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.simulator.otlp.CollectorOutage;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CollectorOutageTest {

  private static final Duration FROM = Duration.ofSeconds(60);
  private static final Duration LENGTH = Duration.ofSeconds(30);

  /**
   * Each export request as delivered: its signal and newest span end, and the simulated clock it
   * arrived at.
   */
  private record Delivery(String signal, long newestNanos, long arrivedAtNanos) {}

  /** Records when each request arrives on the simulated clock. */
  private static final class DeliveryLog implements TelemetrySink {
    final List<Delivery> deliveries = new ArrayList<>();
    long nowNanos = Long.MIN_VALUE;

    @Override
    public void traces(ExportTraceServiceRequest request) {
      long newest =
          request.getResourceSpansList().stream()
              .flatMap(r -> r.getScopeSpansList().stream())
              .flatMap(s -> s.getSpansList().stream())
              .mapToLong(span -> span.getEndTimeUnixNano())
              .max()
              .orElse(0);
      deliveries.add(new Delivery("traces", newest, nowNanos));
    }

    @Override
    public void metrics(ExportMetricsServiceRequest request) {
      deliveries.add(new Delivery("metrics", 0, nowNanos));
    }

    @Override
    public void logs(ExportLogsServiceRequest request) {
      deliveries.add(new Delivery("logs", 0, nowNanos));
    }

    @Override
    public void label(FaultLabel label) {}

    @Override
    public void advanceTo(long simulatedNanos) {
      nowNanos = simulatedNanos;
    }
  }

  private static Simulation.Builder threeMinutes() {
    return Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(3))
        .seed(7)
        .duplicateDeliveries(0);
  }

  private static List<Delivery> run(Simulation simulation) {
    DeliveryLog log = new DeliveryLog();
    simulation.run(log);
    return log.deliveries;
  }

  private static long nanos(Simulation simulation, Duration sinceStart) {
    return simulation.start().getEpochSecond() * 1_000_000_000L + sinceStart.toNanos();
  }

  @Test
  void whatTheCollectorReceivesDuringAnOutageGoesOutInOneBurstWhenItEnds() {
    List<Delivery> steady = run(threeMinutes().build());
    Simulation simulation =
        threeMinutes().collectorOutage(FROM, LENGTH, CollectorOutage.Mode.HELD).build();
    List<Delivery> withOutage = run(simulation);
    long down = nanos(simulation, FROM);
    long up = nanos(simulation, FROM.plus(LENGTH));

    assertThat(withOutage).hasSameSizeAs(steady);
    assertThat(withOutage).noneMatch(d -> d.arrivedAtNanos() >= down && d.arrivedAtNanos() < up);
    List<Delivery> spansOfTheOutage =
        withOutage.stream()
            .filter(
                d ->
                    d.signal().equals("traces")
                        && d.newestNanos() >= down
                        && d.newestNanos() < up - Duration.ofSeconds(10).toNanos())
            .toList();
    assertThat(spansOfTheOutage).isNotEmpty().allMatch(d -> d.arrivedAtNanos() == up);
    assertThat(withOutage.stream().filter(d -> d.arrivedAtNanos() == up).count())
        .as("the burst: the whole outage's exports at once")
        .isGreaterThan(steady.stream().filter(d -> d.arrivedAtNanos() == up).count() * 10);
  }

  @Test
  void withoutASendingQueueTheOutagesTelemetryIsLost() {
    List<Delivery> steady = run(threeMinutes().build());
    Simulation simulation =
        threeMinutes().collectorOutage(FROM, LENGTH, CollectorOutage.Mode.LOST).build();
    long down = nanos(simulation, FROM);
    long up = nanos(simulation, FROM.plus(LENGTH));

    List<Delivery> withOutage = run(simulation);

    List<Delivery> outsideTheOutage =
        steady.stream().filter(d -> d.arrivedAtNanos() < down || d.arrivedAtNanos() >= up).toList();
    assertThat(outsideTheOutage).hasSizeLessThan(steady.size());
    assertThat(withOutage).containsExactlyElementsOf(outsideTheOutage);
  }

  @Test
  void anOutageMustHaveALength() {
    assertThatThrownBy(
            () -> threeMinutes().collectorOutage(FROM, Duration.ZERO, CollectorOutage.Mode.HELD))
        .hasMessageContaining("positive length");
  }
}
