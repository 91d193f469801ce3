package dev.runtimeslicer.task;

import dev.runtimeslicer.state.Vectors;

/**
 * The input of the triage head, about one suspect service: the direction in which its embedding
 * moved away from its normal, beside its {@link FailureSymptoms} with rises and falls apart, each
 * part of unit length and the embedding part scaled by a weight. Rises and falls are separate
 * inputs because their sign is the type: errors answered fast (http_5xx) lower the latency that a
 * delay raises, and a killed pod drops the request rate that retries raise. (The system
 * embedding's shift was tried beside them and made leave-one-incident-out triage worse: it mostly
 * says which service failed, not how.)
 */
public final class TriageFeatures {

  /** Signed symptoms (all but the absent flag) in rises and falls, then the absent flag. */
  static final int SYMPTOM_WIDTH = 2 * (FailureSymptoms.WIDTH - 1) + 1;

  private TriageFeatures() {}

  /** Length of the features for embeddings of {@code dimension}. */
  public static int width(int dimension) {
    return dimension + SYMPTOM_WIDTH;
  }

  /**
   * @param service embedding of the suspect service, or null when it has none (absent)
   * @param serviceMean that service's normal mean embedding, or null
   * @param symptoms the service's {@link FailureSymptoms}
   * @param dimension the embedding dimension
   * @param embeddingWeight length of the embedding part (the symptom part has length 1)
   */
  public static float[] of(float[] service, float[] serviceMean, float[] symptoms, int dimension,
      double embeddingWeight) {
    float[] out = new float[width(dimension)];
    if (service != null && serviceMean != null && embeddingWeight > 0) {
      double norm = 0;
      for (int i = 0; i < dimension; i++) {
        out[i] = service[i] - serviceMean[i];
        norm += out[i] * out[i];
      }
      double scale = norm > 0 ? embeddingWeight / Math.sqrt(norm) : 0;
      for (int i = 0; i < dimension; i++) {
        out[i] = (float) (out[i] * scale);
      }
    }
    int signed = FailureSymptoms.WIDTH - 1;
    float[] split = new float[SYMPTOM_WIDTH];
    for (int i = 0; i < signed; i++) {
      split[i] = Math.max(0, symptoms[i]);
      split[signed + i] = Math.max(0, -symptoms[i]);
    }
    split[SYMPTOM_WIDTH - 1] = symptoms[signed];
    System.arraycopy(Vectors.unit(split), 0, out, dimension, SYMPTOM_WIDTH);
    return out;
  }
}
