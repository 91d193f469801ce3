package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Metrics and latency follow the offered load. */
class LoadResponseTest {

  private static Telemetry run(double rate) {
    CollectingSink sink = new CollectingSink();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(2))
        .rate(rate)
        .traceSampling(0.01)
        .seed(5)
        .build()
        .run(sink);
    return new Telemetry(sink);
  }

  private static double frontend(Telemetry telemetry, String metric) {
    return telemetry.meanMetric(
        metric,
        p ->
            p.service().equals("frontend")
                && (p.point().getAttributesCount() == 0
                    || p.point().getAttributes(0).getValue().getStringValue().equals("0.5")),
        Long.MIN_VALUE,
        Long.MAX_VALUE);
  }

  @Test
  void resourceUseAndLatencyRiseWithLoad() {
    Telemetry light = run(20);
    Telemetry heavy = run(900);
    assertThat(frontend(heavy, "http.server.request.rate"))
        .isGreaterThan(10 * frontend(light, "http.server.request.rate"));
    assertThat(frontend(heavy, "container.cpu.utilization"))
        .isGreaterThan(3 * frontend(light, "container.cpu.utilization"));
    assertThat(frontend(heavy, "container.memory.usage"))
        .isGreaterThan(frontend(light, "container.memory.usage"));
    assertThat(frontend(heavy, "process.runtime.jvm.threads.count"))
        .isGreaterThan(frontend(light, "process.runtime.jvm.threads.count"));
    // Past the queueing knee, latency grows with utilization.
    assertThat(frontend(heavy, "http.server.request.duration.quantile"))
        .isGreaterThan(1.3 * frontend(light, "http.server.request.duration.quantile"));
  }

  @Test
  void dailyCycleShapesTheRate() {
    CollectingSink night = new CollectingSink();
    CollectingSink afternoon = new CollectingSink();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(2))
        .seed(5)
        .traceSampling(0)
        .build()
        .run(night);
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(2))
        .seed(5)
        .traceSampling(0)
        .start(Simulation.DEFAULT_START.plus(Duration.ofHours(15)))
        .build()
        .run(afternoon);
    double nightRate = frontend(new Telemetry(night), "http.server.request.rate");
    double peakRate = frontend(new Telemetry(afternoon), "http.server.request.rate");
    assertThat(peakRate).isGreaterThan(2 * nightRate);
  }
}
