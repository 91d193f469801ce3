package dev.runtimeslicer.task;

import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.slice.ServiceSlice;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-service inputs of root-cause ranking, from the services' embedding and symptom deviations and
 * the window's call graph: a root cause deviates itself, more than what it calls (symptoms
 * propagate to callers, not to callees), and its callers tend to deviate too.
 */
public final class LocalizationFeatures {

  /**
   * Deviation, deviation minus the largest callee deviation, largest caller deviation; symptom
   * deviation, symptom deviation minus the largest callee symptom deviation.
   */
  public static final int WIDTH = 5;

  private LocalizationFeatures() {}

  /**
   * Features of every service in {@code deviations}; {@code symptoms} are the services' symptom
   * deviations (a service without one counts 0).
   */
  public static Map<String, double[]> of(Map<String, Double> deviations, Map<String, Double> symptoms, RuntimeSlice slice) {
    // One entry per scored service: a call edge costs one lookup, not a lookup and two boxed merges.
    // Only edges between two scored services can change a feature.
    Map<String, Links> links = new HashMap<>();
    for (Map.Entry<String, Double> entry : deviations.entrySet()) {
      links.put(entry.getKey(), new Links(entry.getValue(), symptoms.getOrDefault(entry.getKey(), 0.0)));
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
          boolean firstCallee = from.callees++ == 0;
          from.maxCallee = firstCallee ? to.deviation : Math.max(from.maxCallee, to.deviation);
          from.maxCalleeSymptom = firstCallee ? to.symptom : Math.max(from.maxCalleeSymptom, to.symptom);
          to.maxCaller = to.callers++ == 0 ? from.deviation : Math.max(to.maxCaller, from.deviation);
        }
      }
    }
    Map<String, double[]> features = new HashMap<>();
    for (Map.Entry<String, Links> entry : links.entrySet()) {
      Links l = entry.getValue();
      double z = l.deviation;
      double s = l.symptom;
      features.put(entry.getKey(), new double[] {z, l.callees == 0 ? z : z - l.maxCallee, l.callers == 0 ? 0 : l.maxCaller,
          s, l.callees == 0 ? s : s - l.maxCalleeSymptom});
    }
    return features;
  }

  /** A scored service's deviations and the largest deviations among its scored callees and callers. */
  private static final class Links {
    final double deviation;
    final double symptom;
    double maxCallee;
    double maxCalleeSymptom;
    double maxCaller;
    int callees;
    int callers;

    Links(double deviation, double symptom) {
      this.deviation = deviation;
      this.symptom = symptom;
    }
  }
}
