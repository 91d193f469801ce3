package dev.runtimeslicer.model.task;

import static dev.runtimeslicer.model.task.CallGraphSlices.call;
import static dev.runtimeslicer.model.task.CallGraphSlices.service;
import static dev.runtimeslicer.model.task.CallGraphSlices.slice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A callee suspected for how slow one caller timed it passes the blame up when that caller is the
 * slow side.
 */
class CallerSideDelayTest {

  private static final int P50 = FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)");
  private static final int P99 = FailureSymptoms.GENERIC.indexOf("traces:latency p99 (ms)");
  private static final Set<String> SCORED =
      Set.of("frontend", "checkout", "currency", "catalog", "ads");

  /** Every service answers in 2 ms (p99 4 ms) and every call takes 3 ms, spreads of 1 ms. */
  private static final SymptomNormals.OfService NORMAL = normals();

  @Test
  void aCallerTimingSeveralHealthyCalleesSlowIsTheSuspect() {
    // Packet loss at the frontend: its calls to all three callees take 30-40 ms, their own spans 2
    // ms.
    Map<String, ServiceSlice> slices = shop(call(100, 30), call(100, 40), call(100, 35), 2);
    assertThat(
            CallerSideDelay.callerOf(
                "currency", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> NORMAL, SCORED))
        .isEqualTo("frontend");
    assertThat(CallerSideDelay.onCallerSide(slices.get("frontend"), slices::get, s -> NORMAL))
        .isTrue();
    assertThat(CallerSideDelay.onCallerSide(slices.get("checkout"), slices::get, s -> NORMAL))
        .isFalse();
  }

  @Test
  void oneSlowCalleeCannotTellTheCallersSideFromTheWayToTheCallee() {
    Map<String, ServiceSlice> slices = shop(call(100, 30), call(100, 3), call(100, 3), 2);
    assertThat(
            CallerSideDelay.callerOf(
                "currency", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> NORMAL, SCORED))
        .isNull();
    assertThat(CallerSideDelay.onCallerSide(slices.get("frontend"), slices::get, s -> NORMAL))
        .isFalse();
  }

  @Test
  void aCalleeSlowOnItsOwnSideKeepsTheBlame() {
    // The same slow calls, but currency's own spans take 40 ms: it is slow itself.
    Map<String, ServiceSlice> slices = shop(call(100, 30), call(100, 40), call(100, 35), 40);
    assertThat(
            CallerSideDelay.callerOf(
                "currency", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> NORMAL, SCORED))
        .isNull();
  }

  @Test
  void aCalleeWithoutItsOwnSpansCannotBeShownHealthy() {
    Map<String, ServiceSlice> slices =
        new HashMap<>(shop(call(100, 30), call(100, 40), call(100, 35), 2));
    ServiceSlice untraced = new ServiceSlice();
    untraced.service = "currency";
    slices.put("currency", untraced);
    assertThat(
            CallerSideDelay.callerOf(
                "currency", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> NORMAL, SCORED))
        .isNull();
  }

  @Test
  void aSlowCallerIsNotFollowedDownToOneOfItsCallees() {
    // The frontend's slowdown is all waiting, but on every callee alike: the wait explains nothing.
    Map<String, ServiceSlice> slices = shop(call(100, 300), call(100, 400), call(100, 350), 2);
    slices.get("frontend").traces.latencyP50Ms = 500;
    assertThat(
            CalleeWait.deepest(
                "frontend", ServiceGraph.ofWindow(slice(slices)), slices::get, s -> NORMAL, SCORED))
        .isEqualTo("frontend");
  }

  /**
   * A frontend calling currency, catalog and ads, and a checkout calling currency at normal speed.
   */
  private static Map<String, ServiceSlice> shop(
      CallFeatures toCurrency, CallFeatures toCatalog, CallFeatures toAds, double currencyP50Ms) {
    Map<String, ServiceSlice> slices = new HashMap<>();
    slices.put(
        "frontend",
        service("frontend", 2, Map.of("currency", toCurrency, "catalog", toCatalog, "ads", toAds)));
    slices.put("checkout", service("checkout", 2, Map.of("currency", call(50, 3))));
    slices.put("currency", service("currency", currencyP50Ms, Map.of()));
    slices.put("catalog", service("catalog", 2, Map.of()));
    slices.put("ads", service("ads", 2, Map.of()));
    return slices;
  }

  private static SymptomNormals.OfService normals() {
    RobustScale[] generic = new RobustScale[FailureSymptoms.GENERIC.size()];
    generic[P50] = new RobustScale(2, 1);
    generic[P99] = new RobustScale(4, 1);
    Map<String, RobustScale> calls = new HashMap<>();
    for (String callee : SCORED) {
      calls.put(callee, new RobustScale(3, 1));
    }
    return new SymptomNormals.OfService(generic, Map.of(), calls);
  }
}
