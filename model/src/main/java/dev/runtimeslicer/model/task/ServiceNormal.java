package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.state.Vectors;

/**
 * A service's normal behaviour in one runtime state: the mean of its contextual embeddings over
 * normal windows, how far normal windows stray from that mean, and how often the service is there.
 *
 * @param mean mean service embedding of normal windows
 * @param distance robust scale of the normal windows' distances to the mean
 * @param presence share of the state's normal windows in which the service had telemetry
 */
public record ServiceNormal(float[] mean, RobustScale distance, double presence) {

  /** Deviation of a service embedding from this normal, in robust z units. */
  public double deviation(float[] embedding) {
    return distance.z(Vectors.distance(embedding, mean));
  }
}
