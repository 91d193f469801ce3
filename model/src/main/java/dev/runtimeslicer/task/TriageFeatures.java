package dev.runtimeslicer.task;

import dev.runtimeslicer.state.Vectors;

/**
 * The input of the triage head, about the most suspect service: the direction in which its
 * embedding moved away from its normal, beside its {@link FailureSymptoms}, each part of unit
 * length so that neither drowns the other. (The system embedding's shift was tried beside them and
 * made leave-one-incident-out triage worse: it mostly says which service failed, not how.)
 */
public final class TriageFeatures {

  private TriageFeatures() {}

  /**
   * @param service embedding of the most suspect service, or null when it has none (absent)
   * @param serviceMean that service's normal mean embedding, or null
   * @param symptoms the service's {@link FailureSymptoms}
   * @param dimension the embedding dimension
   */
  public static float[] of(float[] service, float[] serviceMean, float[] symptoms, int dimension) {
    float[] out = new float[dimension + FailureSymptoms.WIDTH];
    if (service != null && serviceMean != null) {
      System.arraycopy(Vectors.unit(Vectors.minus(service, serviceMean)), 0, out, 0, dimension);
    }
    System.arraycopy(Vectors.unit(symptoms), 0, out, dimension, FailureSymptoms.WIDTH);
    return out;
  }
}
