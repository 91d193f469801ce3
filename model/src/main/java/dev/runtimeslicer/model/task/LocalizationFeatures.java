package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.HashMap;
import java.util.Map;

/**
 * Per-service inputs of root-cause ranking, from the services' embedding, symptom and metric
 * deviations and the window's call graph: a root cause deviates itself, more than what it calls
 * (symptoms propagate to callers, not to callees), and its callers tend to deviate too.
 */
public final class LocalizationFeatures {

  /**
   * Deviation, deviation minus the largest callee deviation, largest caller deviation; symptom
   * deviation, symptom deviation minus the largest callee symptom deviation; metric deviation
   * ({@link MetricDeviation}), metric deviation minus the largest callee metric deviation.
   */
  public static final int WIDTH = 7;

  private LocalizationFeatures() {}

  /**
   * Features of every service in {@code deviations}; {@code symptoms} and {@code metrics} are the
   * services' symptom and metric deviations (a service without one counts 0).
   */
  public static Map<String, double[]> of(
      Map<String, Double> deviations,
      Map<String, Double> symptoms,
      Map<String, Float> metrics,
      RuntimeSlice slice) {
    // One entry per scored service: a call edge costs one lookup, not a lookup and two boxed
    // merges. Only edges between two scored services can change a feature.
    Map<String, Links> links = new HashMap<>();
    for (Map.Entry<String, Double> entry : deviations.entrySet()) {
      links.put(
          entry.getKey(),
          new Links(
              entry.getValue(),
              symptoms.getOrDefault(entry.getKey(), 0.0),
              metrics.getOrDefault(entry.getKey(), 0f)));
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
          from.maxCalleeSymptom =
              firstCallee ? to.symptom : Math.max(from.maxCalleeSymptom, to.symptom);
          from.maxCalleeMetric =
              firstCallee ? to.metric : Math.max(from.maxCalleeMetric, to.metric);
          to.maxCaller =
              to.callers++ == 0 ? from.deviation : Math.max(to.maxCaller, from.deviation);
        }
      }
    }
    Map<String, double[]> features = new HashMap<>();
    for (Map.Entry<String, Links> entry : links.entrySet()) {
      Links l = entry.getValue();
      double z = l.deviation;
      double s = l.symptom;
      double m = l.metric;
      features.put(
          entry.getKey(),
          new double[] {
            z,
            l.callees == 0 ? z : z - l.maxCallee,
            l.callers == 0 ? 0 : l.maxCaller,
            s,
            l.callees == 0 ? s : s - l.maxCalleeSymptom,
            m,
            l.callees == 0 ? m : m - l.maxCalleeMetric
          });
    }
    return features;
  }

  /**
   * A scored service's deviations and the largest deviations among its scored callees and callers.
   */
  private static final class Links {
    final double deviation;
    final double symptom;
    final double metric;
    double maxCallee;
    double maxCalleeSymptom;
    double maxCalleeMetric;
    double maxCaller;
    int callees;
    int callers;

    Links(double deviation, double symptom, double metric) {
      this.deviation = deviation;
      this.symptom = symptom;
      this.metric = metric;
    }
  }
}
