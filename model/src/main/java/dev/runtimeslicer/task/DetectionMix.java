package dev.runtimeslicer.task;

/**
 * How a window's raw anomaly score mixes its embedding deviation (system and service embeddings
 * against their normal) with its symptom deviation (the most unusual service's
 * {@link SymptomScales symptoms}), each first divided by its own 99th percentile over normal
 * calibration windows so that the weight means the same in every state and system. The embedding
 * sees patterns no fixed feature names; the symptoms see a small change in one service's request
 * rate, errors or latency that the embedding of a large system averages away.
 *
 * @param embeddingWeight share of the embedding deviation, in [0, 1]
 * @param embeddingScale normal 99th percentile of the embedding deviation (positive)
 * @param symptomScale normal 99th percentile of the symptom deviation (positive)
 */
public record DetectionMix(double embeddingWeight, double embeddingScale, double symptomScale) {

  public DetectionMix {
    if (!(embeddingWeight >= 0 && embeddingWeight <= 1) || !(embeddingScale > 0) || !(symptomScale > 0)) {
      throw new IllegalArgumentException("detection mix needs a weight in [0, 1] and positive scales, got "
          + embeddingWeight + ", " + embeddingScale + ", " + symptomScale);
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
}
