package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
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
 * stay fast. A service slow in its own work (cpu, a lock) is not explained by its calls and stays,
 * and so does one whose own network is delayed ({@link #delayedAtCaller}). A caller's spans time
 * its calls from its side, so a caller starved of cpu also sees its calls slow down; a callee is
 * therefore passed the blame only when every caller that timed enough calls to it saw them slow, as
 * a delay in the callee or on the way to it makes them.
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
   * @param graph the system's service graph, where callers are found
   * @param slices a service's slice by name (null: not in the window)
   * @param normals a service's symptom normals by name
   * @param candidates the services that may be reached (the scored ones)
   */
  static String deepest(
      String first,
      ServiceGraph graph,
      Function<String, ServiceSlice> slices,
      Function<String, SymptomNormals.OfService> normals,
      Set<String> candidates) {
    String current = first;
    Set<String> visited = new HashSet<>();
    while (visited.add(current)) {
      ServiceSlice service = slices.apply(current);
      // A caller slow on its own side waits on every callee; none of them is the cause.
      String next =
          service == null || CallerSideDelay.onCallerSide(service, slices, normals)
              ? null
              : explaining(service, normals.apply(current), candidates);
      if (next != null
          && (!slowToEveryCaller(next, graph, slices, normals)
              || delayedAtCaller(service, next, graph, slices, normals))) {
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
   * callers' view does ({@link FailureSymptoms#callView} at least {@link
   * FailureAnalyzer#SLOW_CALLEE}).
   */
  static String explaining(
      ServiceSlice caller, SymptomNormals.OfService normals, Set<String> candidates) {
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
      if (callee.equals(caller.service)
          || !candidates.contains(callee)
          || callNormal == null
          || FailureSymptoms.callView(call, callNormal) < FailureAnalyzer.SLOW_CALLEE) {
        continue;
      }
      double extraWaitMs =
          (double) call.calls / traces.requests * (call.meanMs - callNormal.median());
      if (extraWaitMs >= bestWaitMs) {
        best = callee;
        bestWaitMs = extraWaitMs;
      }
    }
    return best;
  }

  /**
   * Whether the wait of {@code caller} on {@code callee} is a delay on the caller's own network:
   * most of the extra wait is on the way (the callee's own spans are fast), and a caller of the
   * caller waits on it beyond its own time by at least {@link #EXPLAINED_SHARE} of that way too. A
   * delay on a service's network holds up both what it is sent and the answers to its own calls, so
   * the service common to both delayed ways is the likelier cause; a delay on the way to the callee
   * alone leaves the caller's callers waiting no longer than it works.
   */
  static boolean delayedAtCaller(
      ServiceSlice caller,
      String callee,
      ServiceGraph graph,
      Function<String, ServiceSlice> slices,
      Function<String, SymptomNormals.OfService> normals) {
    CallFeatures call = caller.traces.callees.get(callee);
    RobustScale callNormal = normals.apply(caller.service).calls().get(callee);
    ServiceSlice answering = slices.apply(callee);
    double calleeOwnMs = answering == null ? Double.NaN : ownMeanMs(answering);
    double callerOwnMs = ownMeanMs(caller);
    if (call == null
        || callNormal == null
        || Double.isNaN(calleeOwnMs)
        || Double.isNaN(callerOwnMs)) {
      return false;
    }
    double onTheWayMs = call.meanMs - calleeOwnMs;
    if (!(onTheWayMs >= EXPLAINED_SHARE * (call.meanMs - callNormal.median()))) {
      return false;
    }
    for (String name : graph.callers(caller.service)) {
      ServiceSlice upstream = name.equals(caller.service) ? null : slices.apply(name);
      CallFeatures in =
          upstream == null || upstream.traces == null
              ? null
              : upstream.traces.callees.get(caller.service);
      if (in != null
          && in.meanMs > 0
          && in.calls >= PlainFeatures.MIN_TIMED_CALLS
          && in.meanMs - callerOwnMs >= EXPLAINED_SHARE * onTheWayMs) {
        return true;
      }
    }
    return false;
  }

  /** Mean duration of a service's own spans, over its operations; NaN without any. */
  static double ownMeanMs(ServiceSlice service) {
    if (service.traces == null) {
      return Double.NaN;
    }
    long count = 0;
    double sumMs = 0;
    for (OperationFeatures operation : service.traces.operations.values()) {
      count += operation.count;
      sumMs += operation.count * operation.meanMs;
    }
    return count > 0 ? sumMs / count : Double.NaN;
  }

  /**
   * Whether every caller of {@code callee} in the graph that timed enough calls to it in the window
   * against a normal saw them slow ({@link FailureSymptoms#callView} at least {@link
   * FailureAnalyzer#SLOW_CALLEE}).
   */
  static boolean slowToEveryCaller(
      String callee,
      ServiceGraph graph,
      Function<String, ServiceSlice> slices,
      Function<String, SymptomNormals.OfService> normals) {
    for (String name : graph.callers(callee)) {
      ServiceSlice caller = slices.apply(name);
      CallFeatures call =
          caller == null || caller.traces == null || callee.equals(caller.service)
              ? null
              : caller.traces.callees.get(callee);
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
