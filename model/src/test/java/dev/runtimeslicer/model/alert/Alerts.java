package dev.runtimeslicer.model.alert;

import dev.runtimeslicer.model.task.AlertEvidence;
import dev.runtimeslicer.model.task.HeadAnswer;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.ServiceEdge;
import java.util.ArrayList;
import java.util.List;

/** Alerts with known content for tests. */
public final class Alerts {

  public static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

  private Alerts() {}

  /** The first notification of an alert of {@code system} starting at {@code T0}. */
  public static Alert firing(String system) {
    Alert alert = new Alert();
    alert.id = Alert.idOf(system, T0);
    alert.system = system;
    alert.status = Alert.FIRING;
    alert.startsAtMs = T0;
    alert.windowStartMs = T0;
    alert.windowEndMs = T0 + 60_000;
    alert.anomalyScore = 0.93;
    alert.state = 4;
    alert.novelState = false;
    alert.failureType = "cpu_saturation";
    alert.failureProbability = 0.87;
    alert.answers.put("triage", new HeadAnswer("cpu_saturation", 0.87));
    alert.answers.put("blast_radius", new HeadAnswer("one service", 0.6));
    alert.rootCauses =
        new ArrayList<>(
            List.of(
                new RootCauseCandidate("cart", "cart-0", 0.91),
                new RootCauseCandidate("db", null, 0.4)));
    alert.evidence =
        new ArrayList<>(
            List.of(
                new AlertEvidence("traces", "cart", "latency p99 (ms)", 80, 1250),
                new AlertEvidence("metrics", "cart", "cpu", 0.35, 0.98)));
    alert.exemplarTraceIds =
        new ArrayList<>(
            List.of("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7a3ce929d0e0e4736"));
    ServiceEdge slower = new ServiceEdge();
    slower.caller = "frontend";
    slower.callee = "cart";
    slower.callsPerMinute = 180;
    slower.errorShare = 0.0;
    slower.meanMs = 950.0;
    slower.normalCallsPerMinute = 200.0;
    slower.normalErrorShare = 0.01;
    slower.normalMeanMs = 40.0;
    slower.change = ServiceEdge.SLOWER;
    ServiceEdge declared = new ServiceEdge();
    declared.caller = "cart";
    declared.callee = "cart-cache";
    declared.declared = true;
    alert.dependencies = new ArrayList<>(List.of(slower, declared));
    return alert;
  }

  /**
   * The last notification of {@link #firing}'s alert, ten minutes later, with everything but the
   * identity decided anew.
   */
  public static Alert resolved(String system) {
    Alert alert = firing(system);
    alert.status = Alert.RESOLVED;
    alert.endsAtMs = T0 + 600_000;
    alert.windowStartMs = T0 + 540_000;
    alert.windowEndMs = T0 + 600_000;
    alert.anomalyScore = 0.12;
    alert.state = 2;
    alert.novelState = true;
    alert.failureType = "memory_leak";
    alert.failureProbability = 0.55;
    alert.answers.put("triage", new HeadAnswer("memory_leak", 0.55));
    alert.rootCauses = new ArrayList<>(List.of(new RootCauseCandidate("db", "db-1", 0.7)));
    alert.evidence = new ArrayList<>();
    alert.exemplarTraceIds = new ArrayList<>();
    return alert;
  }
}
