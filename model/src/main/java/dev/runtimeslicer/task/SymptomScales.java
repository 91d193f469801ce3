package dev.runtimeslicer.task;

import java.util.HashMap;
import java.util.Map;

/**
 * Per system and service, the 99th percentile of its {@link FailureSymptoms#severity} over normal
 * training windows: a service's symptom deviation is its severity in those units, so a service
 * whose request rate or latency is noisy by nature does not outshout a quiet one.
 *
 * @param scales per system, per service, its normal severity scale (positive)
 */
public record SymptomScales(Map<String, Map<String, Double>> scales) {

  /** Scales are at least this: a service whose symptoms never moved still needs a real change to deviate. */
  public static final double MIN_SCALE = 0.05;
  /** The normal quantile that scales a service's severity. */
  public static final double QUANTILE = 0.99;

  public SymptomScales {
    scales = Map.copyOf(scales);
  }

  /** Scales that know no service: every symptom deviation is absent. */
  public static SymptomScales none() {
    return new SymptomScales(Map.of());
  }

  /**
   * Symptom deviation of every service of {@code severities} that has a scale in {@code system};
   * services without one (new to the system) are left out, as the embedding deviations leave them.
   */
  public Map<String, Double> deviations(String system, Map<String, Float> severities) {
    Map<String, Double> ofSystem = scales.get(system);
    if (ofSystem == null || severities.isEmpty()) {
      return Map.of();
    }
    Map<String, Double> out = new HashMap<>();
    severities.forEach((service, severity) -> {
      Double scale = ofSystem.get(service);
      if (scale != null) {
        out.put(service, severity / scale);
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
