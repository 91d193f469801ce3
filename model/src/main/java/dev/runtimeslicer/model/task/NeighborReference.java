package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.state.Vectors;
import java.util.function.IntPredicate;

/**
 * Normal system-state embeddings of one runtime state, for k-nearest-neighbour deviation: a window
 * is as unusual as its mean distance to the k closest normal windows. Unlike a centroid distance
 * this keeps the several shapes one state can take (load levels, diurnal phases).
 *
 * @param embeddings normal system embeddings of the state
 * @param neighbors k
 * @param distance robust scale of normal windows' k-NN distances (computed without their own
 *     temporal neighbours, see the tuner)
 */
public record NeighborReference(float[][] embeddings, int neighbors, RobustScale distance) {

  public NeighborReference {
    if (embeddings.length == 0 || neighbors < 1) {
      throw new IllegalArgumentException("neighbour reference needs embeddings and k >= 1");
    }
  }

  /** Deviation of {@code embedding} in robust z units. */
  public double deviation(float[] embedding) {
    return distance.z(meanNearest(embedding, i -> false));
  }

  /** Mean distance to the k nearest references, skipping those {@code skip} names. */
  public double meanNearest(float[] embedding, IntPredicate skip) {
    // Squared distances: the root is monotone, so the same references are nearest, and a
    // candidate is dropped once its partial sum exceeds the k-th nearest so far.
    NearestDistances nearest = new NearestDistances(neighbors);
    for (int i = 0; i < embeddings.length; i++) {
      if (!skip.test(i)) {
        nearest.offer(Vectors.squaredDistanceUnless(embedding, embeddings[i], nearest.bound()));
      }
    }
    return nearest.meanDistance();
  }
}
