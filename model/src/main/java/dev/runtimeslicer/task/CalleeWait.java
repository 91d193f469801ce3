package dev.runtimeslicer.task;

import dev.runtimeslicer.slice.CallFeatures;
import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.slice.ServiceSlice;
import dev.runtimeslicer.slice.TraceFeatures;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Whether a service is slow because it waits on a callee. Its requests' extra wait on the callee
 * (its calls to the callee per request, times how much longer than normal each took as its own
 * client spans timed them) then covers most of how much slower than normal its median request is,
 * and it shows the callee's failure as its own latency, often with more threads and retries on top,
 * so it outscores the callee. Following such callees down from the first suspect reaches the
 * likelier cause: a delay on the network to a database shows only in its callers' spans, its own
 * stay fast. A service slow in its own work (cpu, a lock) is not explained by its calls and stays.
 * A caller's spans time its calls from its side, so a caller starved of cpu also sees its calls
 * slow down; a callee is therefore passed the blame only when every caller that timed enough calls
 * to it saw them slow, as a delay in the callee or on the way to it makes them.
 */
final class CalleeWait {

  /** Share of a caller's extra median latency its extra wait on one callee must cover. */
  static final double EXPLAINED_SHARE = 0.5;
  private static final int P50 = FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)");

  private CalleeWait() {}

  /**
   * The service reached from {@code first} by following, while there is one, the callee that
   * explains the current service's slowdown ({@link #explaining}); {@code first} when none does.
   *
   * @param slices a service's slice by name (null: not in the window)
   * @param normals a service's symptom normals by name
   * @param candidates the services that may be reached (the scored ones)
   */
  static String deepest(String first, RuntimeSlice slice, Function<String, ServiceSlice> slices,
      Function<String, SymptomNormals.OfService> normals, Set<String> candidates) {
    String current = first;
    Set<String> visited = new HashSet<>();
    while (visited.add(current)) {
      ServiceSlice service = slices.apply(current);
      String next = service == null ? null : explaining(service, normals.apply(current), candidates);
      if (next != null && !slowToEveryCaller(next, slice, normals)) {
        next = null;
      }
      if (next == null || visited.contains(next)) {
        return current;
      }
      current = next;
    }
    return current;
  }

  /**
   * The callee among {@code candidates} that explains {@code caller}'s slowdown, the one with the
   * largest extra wait when several do; null when the caller is not slower than normal, or no slow
   * callee covers {@link #EXPLAINED_SHARE} of its extra latency. A callee counts as slow as the
   * callers' view does ({@link FailureSymptoms#callView} at least {@link FailureAnalyzer#SLOW_CALLEE}).
   */
  static String explaining(ServiceSlice caller, SymptomNormals.OfService normals, Set<String> candidates) {
    TraceFeatures traces = caller.traces;
    RobustScale ownNormal = normals.generic()[P50];
    if (traces == null || traces.requests <= 0 || !(traces.latencyP50Ms > 0) || ownNormal == null) {
      return null;
    }
    double extraLatencyMs = traces.latencyP50Ms - ownNormal.median();
    if (!(extraLatencyMs > 0)) {
      return null;
    }
    String best = null;
    double bestWaitMs = EXPLAINED_SHARE * extraLatencyMs;
    for (Map.Entry<String, CallFeatures> entry : traces.callees.entrySet()) {
      String callee = entry.getKey();
      CallFeatures call = entry.getValue();
      RobustScale callNormal = normals.calls().get(callee);
      if (callee.equals(caller.service) || !candidates.contains(callee) || callNormal == null
          || FailureSymptoms.callView(call, callNormal) < FailureAnalyzer.SLOW_CALLEE) {
        continue;
      }
      double extraWaitMs = (double) call.calls / traces.requests * (call.meanMs - callNormal.median());
      if (extraWaitMs >= bestWaitMs) {
        best = callee;
        bestWaitMs = extraWaitMs;
      }
    }
    return best;
  }

  /**
   * Whether every service of the window that timed enough calls to {@code callee} against a
   * normal saw them slow ({@link FailureSymptoms#callView} at least {@link FailureAnalyzer#SLOW_CALLEE}).
   */
  static boolean slowToEveryCaller(String callee, RuntimeSlice slice, Function<String, SymptomNormals.OfService> normals) {
    for (ServiceSlice caller : slice.services) {
      CallFeatures call = caller.traces == null || callee.equals(caller.service) ? null : caller.traces.callees.get(callee);
      if (call == null || !(call.meanMs > 0) || call.calls < PlainFeatures.MIN_TIMED_CALLS) {
        continue;
      }
      RobustScale normal = normals.apply(caller.service).calls().get(callee);
      if (normal != null && FailureSymptoms.callView(call, normal) < FailureAnalyzer.SLOW_CALLEE) {
        return false;
      }
    }
    return true;
  }
}
