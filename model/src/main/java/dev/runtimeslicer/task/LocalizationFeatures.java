package dev.runtimeslicer.task;

import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.slice.ServiceSlice;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-service inputs of root-cause ranking, from the services' deviations and the window's call
 * graph: a root cause deviates itself, more than what it calls (symptoms propagate to callers, not
 * to callees), and its callers tend to deviate too.
 */
public final class LocalizationFeatures {

  /** Deviation, deviation minus the largest callee deviation, largest caller deviation. */
  public static final int WIDTH = 3;

  private LocalizationFeatures() {}

  /** Features of every service in {@code deviations}. */
  public static Map<String, double[]> of(Map<String, Double> deviations, RuntimeSlice slice) {
    Map<String, Double> maxCallee = new HashMap<>();
    Map<String, Double> maxCaller = new HashMap<>();
    for (ServiceSlice caller : slice.services) {
      if (caller.traces == null) {
        continue;
      }
      Double callerDeviation = deviations.get(caller.service);
      for (String callee : caller.traces.callees.keySet()) {
        if (callee.equals(caller.service)) {
          continue;
        }
        Double calleeDeviation = deviations.get(callee);
        if (calleeDeviation != null) {
          maxCallee.merge(caller.service, calleeDeviation, Math::max);
        }
        if (callerDeviation != null) {
          maxCaller.merge(callee, callerDeviation, Math::max);
        }
      }
    }
    Map<String, double[]> features = new HashMap<>();
    for (Map.Entry<String, Double> entry : deviations.entrySet()) {
      double z = entry.getValue();
      Double callee = maxCallee.get(entry.getKey());
      Double caller = maxCaller.get(entry.getKey());
      features.put(entry.getKey(), new double[] {z, callee == null ? z : z - callee, caller == null ? 0 : caller});
    }
    return features;
  }
}
