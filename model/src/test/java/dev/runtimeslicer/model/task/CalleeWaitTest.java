package dev.runtimeslicer.model.task;

import static dev.runtimeslicer.model.task.CallGraphSlices.call;
import static dev.runtimeslicer.model.task.CallGraphSlices.service;
import static dev.runtimeslicer.model.task.CallGraphSlices.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A suspect slow only because it waits on a callee passes the blame down the calls. */
class CalleeWaitTest {

  private static final int P50 = FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)");
  private static final Set<String> SCORED = Set.of("frontend", "cart", "cart-db", "ads");

  @Test
  void aCallerWhoseExtraLatencyIsItsWaitOnASlowCalleeNamesTheCallee() {
    // Normally 5 ms, now 480 ms; its one call per request to cart-db went from 1 ms to 470 ms.
    ServiceSlice cart = service("cart", 480, Map.of("cart-db", call(100, 470)));
    assertThat(CalleeWait.explaining(cart, normals(5, Map.of("cart-db", 1.0)), SCORED))
        .isEqualTo("cart-db");
  }

  @Test
  void aCallerSlowInItsOwnWorkKeepsTheBlame() {
    // 480 ms instead of 5, but its calls to cart-db take only 40 ms more: 8% of its slowdown.
    ServiceSlice cart = service("cart", 480, Map.of("cart-db", call(100, 41)));
    assertThat(CalleeWait.explaining(cart, normals(5, Map.of("cart-db", 1.0)), SCORED)).isNull();
  }

  @Test
  void theWaitCountsPerRequest() {
    // The same slow calls, but only one request in ten makes one: 47 ms of a 475 ms slowdown.
    ServiceSlice cart = service("cart", 480, Map.of("cart-db", call(10, 470)));
    assertThat(CalleeWait.explaining(cart, normals(5, Map.of("cart-db", 1.0)), SCORED)).isNull();
  }

  @Test
  void aCallerAtNormalSpeedHasNothingToExplain() {
    ServiceSlice cart = service("cart", 4, Map.of("cart-db", call(100, 470)));
    assertThat(CalleeWait.explaining(cart, normals(5, Map.of("cart-db", 1.0)), SCORED)).isNull();
  }

  @Test
  void onlyScoredTimedCalleesWithANormalCount() {
    SymptomNormals.OfService normals = normals(5, Map.of("cart-db", 1.0));
    assertThat(
            CalleeWait.explaining(
                service("cart", 480, Map.of("cart-db", call(100, 470))), normals, Set.of("cart")))
        .as("not scored")
        .isNull();
    assertThat(
            CalleeWait.explaining(
                service("cart", 480, Map.of("cart-db", call(5, 9000))), normals, SCORED))
        .as("too few calls to time")
        .isNull();
    assertThat(
            CalleeWait.explaining(
                service("cart", 480, Map.of("cart-db", call(100, 470))),
                normals(5, Map.of()),
                SCORED))
        .as("no normal")
        .isNull();
  }

  @Test
  void ofSeveralExplainingCalleesTheLongestWaitWins() {
    Map<String, CallFeatures> calls = new HashMap<>();
    calls.put("cart-db", call(100, 300));
    calls.put("ads", call(100, 400));
    ServiceSlice cart = service("cart", 480, calls);
    assertThat(CalleeWait.explaining(cart, normals(5, Map.of("cart-db", 1.0, "ads", 1.0)), SCORED))
        .isEqualTo("ads");
  }

  @Test
  void theBlameFollowsTheWaitsDownAndStopsWhereTheWorkIsSlow() {
    Map<String, ServiceSlice> slices =
        Map.of(
            "frontend", service("frontend", 500, Map.of("cart", call(100, 485))),
            "cart", service("cart", 480, Map.of("cart-db", call(100, 470))),
            "cart-db", service("cart-db", 470, Map.of()));
    Map<String, SymptomNormals.OfService> normals =
        Map.of(
            "frontend", normals(10, Map.of("cart", 6.0)),
            "cart", normals(5, Map.of("cart-db", 1.0)),
            "cart-db", normals(1, Map.of()));
    RuntimeSlice slice = slice(slices);
    assertThat(
            CalleeWait.deepest(
                "frontend", ServiceGraph.ofWindow(slice), slices::get, normals::get, SCORED))
        .isEqualTo("cart-db");
    assertThat(
            CalleeWait.deepest(
                "cart-db", ServiceGraph.ofWindow(slice), slices::get, normals::get, SCORED))
        .isEqualTo("cart-db");
    assertThat(
            CalleeWait.deepest(
                "checkout",
                ServiceGraph.ofWindow(slice),
                slices::get,
                s -> normals(1, Map.of()),
                SCORED))
        .as("not in the window")
        .isEqualTo("checkout");
  }

  @Test
  void aCalleeAnotherCallerFindsAtNormalSpeedLeavesTheBlameWithTheCaller() {
    // A caller starved of cpu times its calls slow too, but the callee answers others as usual.
    Map<String, ServiceSlice> slices =
        Map.of(
            "cart", service("cart", 480, Map.of("cart-db", call(100, 470))),
            "ads", service("ads", 5, Map.of("cart-db", call(100, 1.5))),
            "cart-db", service("cart-db", 1, Map.of()));
    SymptomNormals.OfService normal = normals(5, Map.of("cart-db", 1.0));
    assertThat(
            CalleeWait.deepest(
                "cart", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> normal, SCORED))
        .isEqualTo("cart");
    assertThat(
            CalleeWait.slowToEveryCaller(
                "cart-db", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> normal))
        .isFalse();
    Map<String, ServiceSlice> slowForBoth = new HashMap<>(slices);
    slowForBoth.put("ads", service("ads", 480, Map.of("cart-db", call(100, 470))));
    assertThat(
            CalleeWait.deepest(
                "cart",
                ServiceGraph.ofWindow(slice(slowForBoth)),
                slowForBoth::get,
                s -> normal,
                SCORED))
        .isEqualTo("cart-db");
  }

  @Test
  void aDelayOnTheCallersOwnNetworkKeepsTheBlameWithTheCaller() {
    // cart's network is delayed 250 ms: its answers from cart-db come late, and so do the
    // frontend's calls to it (536 ms against the 290 ms cart itself works).
    Map<String, ServiceSlice> slices =
        new HashMap<>(
            Map.of(
                "frontend", service("frontend", 600, Map.of("cart", call(100, 536))),
                "cart", withOwnMean(service("cart", 441, Map.of("cart-db", call(100, 252))), 290),
                "cart-db", withOwnMean(service("cart-db", 0.2, Map.of()), 0.2)));
    Map<String, SymptomNormals.OfService> normals =
        Map.of(
            "frontend", normals(10, Map.of("cart", 6.0)),
            "cart", normals(5, Map.of("cart-db", 1.0)),
            "cart-db", normals(0.2, Map.of()));
    assertThat(
            CalleeWait.deepest(
                "cart", ServiceGraph.ofWindow(slice(slices)), slices::get, normals::get, SCORED))
        .isEqualTo("cart");
    // Delayed on the way to cart-db alone, the frontend waits on cart no longer than cart works.
    slices.put("frontend", service("frontend", 600, Map.of("cart", call(100, 294))));
    assertThat(
            CalleeWait.deepest(
                "cart", ServiceGraph.ofWindow(slice(slices)), slices::get, normals::get, SCORED))
        .isEqualTo("cart-db");
  }

  @Test
  void aCycleOfWaitsEnds() {
    Map<String, ServiceSlice> slices =
        Map.of(
            "cart", service("cart", 480, Map.of("ads", call(100, 470))),
            "ads", service("ads", 480, Map.of("cart", call(100, 470))));
    SymptomNormals.OfService normal = normals(5, Map.of("ads", 1.0, "cart", 1.0));
    assertThat(
            CalleeWait.deepest(
                "cart", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> normal, SCORED))
        .isEqualTo("ads");
  }

  /** {@code service} with one operation whose spans took {@code meanMs} on average. */
  private static ServiceSlice withOwnMean(ServiceSlice service, double meanMs) {
    OperationFeatures operation = new OperationFeatures();
    operation.count = service.traces.requests;
    operation.meanMs = meanMs;
    service.traces.operations.put("handle", operation);
    return service;
  }

  /**
   * Normal median latency {@code p50Ms} (spread 1 ms) and calls to each callee at its mean (spread
   * 1 ms).
   */
  private static SymptomNormals.OfService normals(double p50Ms, Map<String, Double> callMeans) {
    RobustScale[] generic = new RobustScale[FailureSymptoms.GENERIC.size()];
    generic[P50] = new RobustScale(p50Ms, 1);
    Map<String, RobustScale> calls = new HashMap<>();
    callMeans.forEach((callee, mean) -> calls.put(callee, new RobustScale(mean, 1)));
    return new SymptomNormals.OfService(generic, Map.of(), calls);
  }
}
