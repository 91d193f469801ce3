package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.state.Vectors;

/**
 * What one embedding (a service's, or the system's) has looked like lately: an exponentially
 * weighted mean and the weighted mean and variance of its distance to that mean. A Flink POJO, kept
 * per system in keyed state. The first updates weigh as a plain average, so it warms up fast.
 */
public class RecentNormal {
  public float[] mean;
  public double distanceMean;
  public double distanceVariance;
  public long updates;

  /** Learned windows in a row in which the service had no telemetry. */
  public int missedWindows;

  public RecentNormal() {}

  /** Deviation of {@code embedding} in z units of the recent distances, the spread floored. */
  public double deviation(float[] embedding, double scaleFloor) {
    double distance = Vectors.distance(embedding, mean);
    return (distance - distanceMean) / Math.max(Math.sqrt(distanceVariance), scaleFloor);
  }

  /** Moves the normal towards {@code embedding} by weight {@code alpha} (more while warming up). */
  public void update(float[] embedding, double alpha) {
    if (mean == null || mean.length != embedding.length) {
      mean = embedding.clone();
      distanceMean = 0;
      distanceVariance = 0;
      updates = 1;
      return;
    }
    double weight = Math.max(alpha, 1.0 / (updates + 1));
    double distance = Vectors.distance(embedding, mean);
    double previous = distanceMean;
    distanceMean += weight * (distance - previous);
    distanceVariance =
        (1 - weight) * (distanceVariance + weight * (distance - previous) * (distance - previous));
    for (int i = 0; i < mean.length; i++) {
      mean[i] += (float) (weight * (embedding[i] - mean[i]));
    }
    updates++;
  }
}
