package dev.runtimeslicer.task;

import dev.runtimeslicer.state.Vectors;

/**
 * The input of the triage head: the direction in which the most suspect service's embedding moved
 * away from its normal. A fault type shows as a direction of change at the service it hits,
 * whatever the service and the state. (The system embedding's shift was tried beside it and made
 * leave-one-incident-out triage worse: it mostly says which service failed, not how.)
 */
public final class TriageFeatures {

  private TriageFeatures() {}

  /**
   * @param service embedding of the most suspect service, or null when it has none (absent)
   * @param serviceMean that service's normal mean embedding, or null
   * @param dimension the embedding dimension (the zero vector's, when there is no shift to tell)
   */
  public static float[] of(float[] service, float[] serviceMean, int dimension) {
    return service == null || serviceMean == null ? new float[dimension] : Vectors.unit(Vectors.minus(service, serviceMean));
  }
}
