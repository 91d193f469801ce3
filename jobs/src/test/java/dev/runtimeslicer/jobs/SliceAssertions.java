package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.Map;

/** The exact features {@link TelemetryScenario} must give for its window [t0, t0 + 60 s). */
final class SliceAssertions {

  private SliceAssertions() {}

  static void assertScenarioWindow(RuntimeSlice slice, long t0) {
    assertThat(slice.system).isEqualTo(TelemetryScenario.SYSTEM);
    assertThat(slice.windowStartMs).isEqualTo(t0);
    assertThat(slice.windowEndMs).isEqualTo(t0 + 60_000);
    assertThat(slice.services).extracting(s -> s.service).containsExactly("cart", "frontend");

    ServiceSlice frontend = slice.service("frontend");
    assertThat(frontend.instances).containsExactly("frontend-1");
    assertThat(frontend.metrics.get("cpu").count).isEqualTo(2);
    assertThat(frontend.metrics.get("cpu").mean).isCloseTo(0.3, within(1e-12));
    assertThat(frontend.metrics.get("cpu").last).isEqualTo(0.4);
    assertThat(frontend.traces.spans).isEqualTo(6);
    assertThat(frontend.traces.requests).isEqualTo(3);
    assertThat(frontend.traces.errors).isEqualTo(1);
    // DDSketch (1% relative accuracy) takes the value of rank q * (n - 1): of 20, 40 and 900 ms
    // that is 40 ms for the median and, with only three requests, still 40 ms for p99.
    assertThat(frontend.traces.latencyP50Ms).isCloseTo(40, within(0.4));
    assertThat(frontend.traces.latencyP99Ms).isCloseTo(40, within(0.4));
    assertThat(frontend.traces.operations.get("GET /cart").count).isEqualTo(3);
    assertThat(frontend.traces.operations.get("GET /cart").maxMs).isEqualTo(900.0);
    assertThat(frontend.traces.callees).containsOnlyKeys("cart");
    assertThat(frontend.traces.callees.get("cart").calls).isEqualTo(3);
    assertThat(frontend.traces.callees.get("cart").errors).isEqualTo(1);
    // the failing request (also the slowest), then the other two, slowest first
    assertThat(frontend.traces.exemplarTraceIds)
        .containsExactly(
            TelemetryScenario.trace(3), TelemetryScenario.trace(2), TelemetryScenario.trace(1));

    ServiceSlice cart = slice.service("cart");
    assertThat(cart.metrics.get("cpu").last).isEqualTo(0.9);
    assertThat(cart.traces.requests).isEqualTo(3);
    assertThat(cart.traces.errors).isEqualTo(1);
    assertThat(cart.logs.total).isEqualTo(3);
    assertThat(cart.logs.severities)
        .containsExactlyInAnyOrderEntriesOf(Map.of("INFO", 2L, "ERROR", 1L));
    assertThat(cart.logs.templates)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("cart <*> fetched with <*> items", 2L, "redis timeout after <*>", 1L));
  }
}
