package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a caller's calls are slow on its own side: it times several of its callees slow while
 * their own spans answer at normal speed. Packet loss or delay on the caller's network, or a caller
 * starved of cpu, slows every call it makes, and the callers' view of each callee's latency ({@link
 * FailureSymptoms#callerViews}) would then blame the callees. One slow callee is not enough to
 * tell: a delay on the network to that callee looks the same from the caller.
 */
final class CallerSideDelay {

  /** Callees a caller must time slow (each at normal speed on its own side) to be the slow side. */
  static final int MIN_SLOW_CALLEES = 2;

  private static final int P50 = FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)");
  private static final int P99 = FailureSymptoms.GENERIC.indexOf("traces:latency p99 (ms)");

  private CallerSideDelay() {}

  /**
   * The caller to suspect instead of {@code first}: {@code first} answers at normal speed on its
   * own side, and a caller among {@code candidates} that timed it slow is {@link #onCallerSide}
   * (the one with the most such callees when several are); null when there is none.
   */
  static String callerOf(
      String first,
      ServiceGraph graph,
      Function<String, ServiceSlice> slices,
      Function<String, SymptomNormals.OfService> normals,
      Set<String> candidates) {
    ServiceSlice suspect = slices.apply(first);
    if (suspect == null || !ownLatencyNormal(suspect, normals.apply(first))) {
      return null;
    }
    String best = null;
    int bestSlow = 0;
    for (String name : graph.callers(first)) {
      ServiceSlice caller = slices.apply(name);
      if (caller == null
          || caller.traces == null
          || first.equals(caller.service)
          || !candidates.contains(caller.service)) {
        continue;
      }
      CallFeatures call = caller.traces.callees.get(first);
      SymptomNormals.OfService callerNormals = normals.apply(caller.service);
      RobustScale callNormal = call == null ? null : callerNormals.calls().get(first);
      if (callNormal == null
          || FailureSymptoms.callView(call, callNormal) < FailureAnalyzer.SLOW_CALLEE) {
        continue;
      }
      int slow = slowOnlyAsCalled(caller, callerNormals, slices, normals);
      if (onCallerSide(slow, timedCallees(caller.traces)) && slow > bestSlow) {
        best = caller.service;
        bestSlow = slow;
      }
    }
    return best;
  }

  /**
   * Whether {@code caller} times at least {@link #MIN_SLOW_CALLEES}, and at least half, of its
   * timed callees slow while they answer at normal speed.
   */
  static boolean onCallerSide(
      ServiceSlice caller,
      Function<String, ServiceSlice> slices,
      Function<String, SymptomNormals.OfService> normals) {
    if (caller.traces == null) {
      return false;
    }
    return onCallerSide(
        slowOnlyAsCalled(caller, normals.apply(caller.service), slices, normals),
        timedCallees(caller.traces));
  }

  private static boolean onCallerSide(int slowCallees, int timedCallees) {
    return slowCallees >= MIN_SLOW_CALLEES && 2 * slowCallees >= timedCallees;
  }

  /** Callees of {@code caller} it timed slow whose own median and tail latency are normal. */
  private static int slowOnlyAsCalled(
      ServiceSlice caller,
      SymptomNormals.OfService callerNormals,
      Function<String, ServiceSlice> slices,
      Function<String, SymptomNormals.OfService> normals) {
    int slow = 0;
    for (Map.Entry<String, CallFeatures> entry : caller.traces.callees.entrySet()) {
      String callee = entry.getKey();
      RobustScale callNormal = callerNormals.calls().get(callee);
      if (callee.equals(caller.service)
          || callNormal == null
          || FailureSymptoms.callView(entry.getValue(), callNormal) < FailureAnalyzer.SLOW_CALLEE) {
        continue;
      }
      ServiceSlice answering = slices.apply(callee);
      if (answering != null && ownLatencyNormal(answering, normals.apply(callee))) {
        slow++;
      }
    }
    return slow;
  }

  private static int timedCallees(TraceFeatures traces) {
    int timed = 0;
    for (Map.Entry<String, CallFeatures> entry : traces.callees.entrySet()) {
      CallFeatures call = entry.getValue();
      if (call.meanMs > 0 && call.calls >= PlainFeatures.MIN_TIMED_CALLS) {
        timed++;
      }
    }
    return timed;
  }

  /**
   * Whether the service's own spans give a median and tail latency, both below slow against its
   * normal.
   */
  static boolean ownLatencyNormal(ServiceSlice service, SymptomNormals.OfService normals) {
    TraceFeatures traces = service.traces;
    RobustScale p50 = normals.generic()[P50];
    RobustScale p99 = normals.generic()[P99];
    if (traces == null
        || traces.requests <= 0
        || !(traces.latencyP50Ms > 0)
        || p50 == null
        || p99 == null) {
      return false;
    }
    double slowZ = FailureAnalyzer.SLOW_CALLEE * FailureSymptoms.CLIP;
    return p50.z(traces.latencyP50Ms) < slowZ && p99.z(traces.latencyP99Ms) < slowZ;
  }
}
