package dev.runtimeslicer.model.task;

import java.util.HashMap;
import java.util.Map;

/**
 * Per system and service, the 99th percentile of its {@link FailureSymptoms#severity} and of its
 * {@link MetricDeviation} over normal training windows: a service's symptom deviation is the larger
 * of the two in those units, so a service whose request rate, latency or metrics are noisy by
 * nature does not outshout a quiet one, and a failure that shows only in a service's own metrics (a
 * saturated CPU, a leaking heap, dropped packets) counts as much as one its requests show.
 *
 * @param scales per system, per service, its normal severity scale (positive)
 * @param metricScales per system, per service, its normal metric deviation scale (positive)
 */
public record SymptomScales(
    Map<String, Map<String, Double>> scales, Map<String, Map<String, Double>> metricScales) {

  /**
   * Scales are at least this: a service whose symptoms never moved still needs a real change to
   * deviate.
   */
  public static final double MIN_SCALE = 0.05;

  /** The normal quantile that scales a service's severity. */
  public static final double QUANTILE = 0.99;

  public SymptomScales {
    scales = Map.copyOf(scales);
    metricScales = Map.copyOf(metricScales);
  }

  /** Scales that know no service: every symptom deviation is absent. */
  public static SymptomScales none() {
    return new SymptomScales(Map.of(), Map.of());
  }

  /**
   * Symptom deviation of every service of {@code symptoms} that has a severity scale in {@code
   * system}: the larger of its severity and its metric deviation, each in units of its own scale (a
   * service without a metric scale counts its severity only); services without a severity scale
   * (new to the system) are left out, as the embedding deviations leave them.
   */
  public Map<String, Double> deviations(String system, WindowSymptoms symptoms) {
    Map<String, Double> ofSystem = scales.get(system);
    if (ofSystem == null || symptoms.severities().isEmpty()) {
      return Map.of();
    }
    Map<String, Double> metricsOfSystem = metricScales.getOrDefault(system, Map.of());
    Map<String, Float> metrics = symptoms.metrics();
    Map<String, Double> out = new HashMap<>();
    symptoms
        .severities()
        .forEach(
            (service, severity) -> {
              Double scale = ofSystem.get(service);
              if (scale != null) {
                double deviation = severity / scale;
                Double metricScale = metricsOfSystem.get(service);
                Float metric = metricScale == null ? null : metrics.get(service);
                out.put(
                    service,
                    metric == null ? deviation : Math.max(deviation, metric / metricScale));
              }
            });
    return out;
  }

  /** The largest of {@code deviations}, NaN when there is none. */
  public static double max(Map<String, Double> deviations) {
    double max = Double.NaN;
    for (double deviation : deviations.values()) {
      max = Double.isNaN(max) ? deviation : Math.max(max, deviation);
    }
    return max;
  }
}
