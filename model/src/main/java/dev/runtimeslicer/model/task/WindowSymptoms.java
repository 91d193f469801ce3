package dev.runtimeslicer.model.task;

import java.util.Map;

/**
 * What one window says of each of its services beside their embeddings, against the services'
 * normals: the {@link FailureSymptoms#severity} of their requests, errors, latency and logs, and
 * the {@link MetricDeviation} of their metric series (the first of equal service names).
 *
 * @param severities per service its symptom severity
 * @param metrics per service its metric deviation
 */
public record WindowSymptoms(Map<String, Float> severities, Map<String, Float> metrics) {

  public WindowSymptoms {
    severities = Map.copyOf(severities);
    metrics = Map.copyOf(metrics);
  }

  /** No symptoms: every service reads as normal. */
  public static WindowSymptoms none() {
    return new WindowSymptoms(Map.of(), Map.of());
  }
}
