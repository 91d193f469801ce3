package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvidenceSelectorTest {

  @Test
  void picksTheFeaturesFarthestFromNormalAndReportsMissingServicesAsZeroRates() {
    FeatureNormals normals =
        new FeatureNormals(
            Map.of(
                "shop",
                Map.of(
                    "cart",
                        Map.of(
                            "traces:latency p99 (ms)",
                            new RobustScale(80, 5),
                            "traces:requests/s",
                            new RobustScale(20, 2),
                            "traces:error ratio",
                            new RobustScale(0, 0.01)),
                    "payment", Map.of("traces:requests/s", new RobustScale(10, 1)))));
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    slice.windowStartMs = 0;
    slice.windowEndMs = 60_000;
    ServiceSlice cart = new ServiceSlice();
    cart.service = "cart";
    cart.traces.spans = 1200;
    cart.traces.requests = 1200;
    cart.traces.latencyP99Ms = 900;
    slice.services.add(cart);
    List<AlertEvidence> evidence =
        new EvidenceSelector(normals, 2, 8).select(slice, List.of("cart", "payment"));
    assertThat(evidence).hasSize(2);
    assertThat(evidence.get(0).feature).isEqualTo("latency p99 (ms)");
    assertThat(evidence.get(0).normal).isEqualTo(80);
    assertThat(evidence.get(0).current).isEqualTo(900);
    assertThat(evidence.get(1).service).isEqualTo("payment");
    assertThat(evidence.get(1).current).isZero();
    assertThat(evidence.get(0).text()).isEqualTo("traces cart: latency p99 (ms) 900 (normal 80)");
  }

  @Test
  void aCallerWaitingOnASlowCalleeShowsItsCallsAsEvidence() {
    FeatureNormals normals =
        new FeatureNormals(
            Map.of(
                "shop",
                Map.of(
                    "front",
                    Map.of(
                        "traces:" + PlainFeatures.CALL_MS_TO + "cart",
                        new RobustScale(5.5, 1),
                        "traces:requests/s",
                        new RobustScale(1, 0.5)))));
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    slice.windowStartMs = 0;
    slice.windowEndMs = 60_000;
    ServiceSlice front = new ServiceSlice();
    front.service = "front";
    front.traces.spans = 60;
    front.traces.requests = 60;
    dev.runtimeslicer.model.slice.CallFeatures calls =
        new dev.runtimeslicer.model.slice.CallFeatures();
    calls.calls = 60;
    calls.meanMs = 218;
    front.traces.callees.put("cart", calls);
    slice.services.add(front);
    List<AlertEvidence> evidence =
        new EvidenceSelector(normals, 1, 8).select(slice, List.of("front"));
    assertThat(evidence).hasSize(1);
    assertThat(evidence.get(0).text())
        .isEqualTo("traces front: ms per call to cart 218 (normal 5.50)");
  }
}
