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
    // One entry per scored service: a call edge costs one lookup, not a lookup and two boxed merges.
    // Only edges between two scored services can change a feature.
    Map<String, Links> links = new HashMap<>();
    for (Map.Entry<String, Double> entry : deviations.entrySet()) {
      links.put(entry.getKey(), new Links(entry.getValue()));
    }
    for (ServiceSlice caller : slice.services) {
      Links from = caller.traces == null ? null : links.get(caller.service);
      if (from == null) {
        continue;
      }
      for (String callee : caller.traces.callees.keySet()) {
        if (callee.equals(caller.service)) {
          continue;
        }
        Links to = links.get(callee);
        if (to != null) {
          from.maxCallee = from.callees++ == 0 ? to.deviation : Math.max(from.maxCallee, to.deviation);
          to.maxCaller = to.callers++ == 0 ? from.deviation : Math.max(to.maxCaller, from.deviation);
        }
      }
    }
    Map<String, double[]> features = new HashMap<>();
    for (Map.Entry<String, Links> entry : links.entrySet()) {
      Links l = entry.getValue();
      double z = l.deviation;
      features.put(entry.getKey(), new double[] {z, l.callees == 0 ? z : z - l.maxCallee, l.callers == 0 ? 0 : l.maxCaller});
    }
    return features;
  }

  /** A scored service's deviation and the largest deviations among its scored callees and callers. */
  private static final class Links {
    final double deviation;
    double maxCallee;
    double maxCaller;
    int callees;
    int callers;

    Links(double deviation) {
      this.deviation = deviation;
    }
  }
}
