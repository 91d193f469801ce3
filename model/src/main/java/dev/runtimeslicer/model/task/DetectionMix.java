package dev.runtimeslicer.model.task;

import java.util.HashMap;
import java.util.Map;

/**
 * How a window's raw anomaly score mixes, service by service, its embedding deviation (system and
 * service embeddings against their normal) with its symptom deviation (the service's {@link
 * SymptomScales symptoms}), each first divided by its own 99th percentile over normal calibration
 * windows (of the largest embedding and the largest symptom deviation of a window), so that the
 * weight means the same in every state and system. The embedding sees patterns no fixed feature
 * names; the symptoms see a small change in one service's request rate, errors or latency that the
 * embedding of a large system averages away.
 *
 * @param embeddingWeight share of the embedding deviation, in [0, 1]
 * @param embeddingScale normal 99th percentile of the embedding deviation (positive)
 * @param symptomScale normal 99th percentile of the symptom deviation (positive)
 */
public record DetectionMix(double embeddingWeight, double embeddingScale, double symptomScale) {

  public DetectionMix {
    if (!(embeddingWeight >= 0 && embeddingWeight <= 1)
        || !(embeddingScale > 0)
        || !(symptomScale > 0)) {
      throw new IllegalArgumentException(
          "detection mix needs a weight in [0, 1] and positive scales, got "
              + embeddingWeight
              + ", "
              + embeddingScale
              + ", "
              + symptomScale);
    }
  }

  /** Only the embedding deviation, unscaled: the raw score as it was before symptoms joined it. */
  public static DetectionMix embeddingOnly() {
    return new DetectionMix(1, 1, 1);
  }

  /**
   * The mixed raw score; a missing (NaN) part counts as normal (0), and the score is NaN only when
   * both are missing.
   */
  public double combine(double embedding, double symptom) {
    if (Double.isNaN(embedding) && Double.isNaN(symptom)) {
      return Double.NaN;
    }
    double e = Double.isNaN(embedding) ? 0 : embedding / embeddingScale;
    double s = Double.isNaN(symptom) ? 0 : symptom / symptomScale;
    return embeddingWeight * e + (1 - embeddingWeight) * s;
  }

  /**
   * Every service's score: its embedding deviation mixed with its symptom deviation (either may be
   * missing), so a window's raw score is about one service at a time and the service it names is
   * the one the unsupervised ranking puts first.
   */
  public Map<String, Double> serviceScores(
      Map<String, Double> embedding, Map<String, Double> symptoms) {
    Map<String, Double> out = new HashMap<>(embedding.size() + symptoms.size());
    embedding.forEach(
        (service, deviation) -> {
          Double symptom = symptoms.get(service);
          out.put(service, combine(deviation, symptom == null ? Double.NaN : symptom));
        });
    symptoms.forEach(
        (service, symptom) -> {
          if (!embedding.containsKey(service)) {
            out.put(service, combine(Double.NaN, symptom));
          }
        });
    return out;
  }

  /**
   * The system term of the raw score: the system embedding's deviation, mixed as a service without
   * symptoms.
   */
  public double systemScore(double systemDeviation) {
    return combine(systemDeviation, Double.NaN);
  }

  /** The largest of a window's system term and service scores; NaN when all are missing. */
  public static double largest(double system, Map<String, Double> services) {
    double raw = system;
    for (double score : services.values()) {
      if (!Double.isNaN(score)) {
        raw = Double.isNaN(raw) ? score : Math.max(raw, score);
      }
    }
    return raw;
  }
}
