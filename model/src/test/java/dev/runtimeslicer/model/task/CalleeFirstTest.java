package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The unsupervised ranking puts a slow callee of the first suspect before it. */
class CalleeFirstTest {

  private static final int P99 = FailureSymptoms.GENERIC.indexOf("traces:latency p99 (ms)");

  @Test
  void aSlowCalleeOfTheFirstSuspectComesFirst() {
    List<RootCauseCandidate> ranked = ranked();
    FailureAnalyzer.calleeFirst(ranked, caller("orders", "orders-db"), latency(0.5f));
    assertThat(names(ranked)).containsExactly("orders-db", "orders", "seats");
  }

  @Test
  void aCalleeAtNormalSpeedStaysSecond() {
    List<RootCauseCandidate> ranked = ranked();
    FailureAnalyzer.calleeFirst(ranked, caller("orders", "orders-db"), latency(0.49f));
    assertThat(names(ranked)).containsExactly("orders", "orders-db", "seats");
  }

  @Test
  void aSlowServiceTheFirstSuspectDoesNotCallStaysSecond() {
    List<RootCauseCandidate> ranked = ranked();
    FailureAnalyzer.calleeFirst(ranked, caller("orders", "payments"), latency(1f));
    assertThat(names(ranked)).containsExactly("orders", "orders-db", "seats");
    FailureAnalyzer.calleeFirst(ranked, null, latency(1f));
    assertThat(names(ranked)).containsExactly("orders", "orders-db", "seats");
  }

  private static List<RootCauseCandidate> ranked() {
    return new ArrayList<>(
        List.of(
            new RootCauseCandidate("orders", null, 9.7),
            new RootCauseCandidate("orders-db", null, 9.4),
            new RootCauseCandidate("seats", null, 9.0)));
  }

  private static ServiceSlice caller(String name, String callee) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    CallFeatures call = new CallFeatures();
    call.calls = 100;
    call.meanMs = 250;
    service.traces.callees.put(callee, call);
    return service;
  }

  private static float[] latency(float p99) {
    float[] symptoms = new float[FailureSymptoms.WIDTH];
    symptoms[P99] = p99;
    return symptoms;
  }

  private static List<String> names(List<RootCauseCandidate> ranked) {
    return ranked.stream().map(c -> c.service).toList();
  }
}
