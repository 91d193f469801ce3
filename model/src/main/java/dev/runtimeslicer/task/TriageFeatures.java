package dev.runtimeslicer.task;

import dev.runtimeslicer.state.Vectors;

/**
 * The input of the triage head: how the system embedding moved away from its state's centroid and
 * how the most suspect service's embedding moved away from its normal, each as a direction. A fault
 * type shows as a direction of change, whatever the state the system was in.
 */
public final class TriageFeatures {

  private TriageFeatures() {}

  /**
   * @param system system embedding of the window
   * @param centroid centroid of its state
   * @param service embedding of the most suspect service, or null when it has none (absent)
   * @param serviceMean that service's normal mean embedding, or null
   */
  public static float[] of(float[] system, float[] centroid, float[] service, float[] serviceMean) {
    float[] systemShift = Vectors.unit(Vectors.minus(system, centroid));
    float[] serviceShift = service == null || serviceMean == null
        ? new float[system.length]
        : Vectors.unit(Vectors.minus(service, serviceMean));
    return Vectors.concat(systemShift, serviceShift);
  }
}
