package dev.runtimeslicer.task;

import dev.runtimeslicer.state.Vectors;
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
    int k = neighbors;
    // Squared distances, ascending: the root is monotone, so the same references are nearest, and
    // a candidate is dropped once its partial sum exceeds the k-th nearest so far.
    double[] best = new double[k];
    java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
    int found = 0;
    for (int i = 0; i < embeddings.length; i++) {
      if (skip.test(i)) {
        continue;
      }
      found++;
      double d = Vectors.squaredDistanceUnless(embedding, embeddings[i], best[k - 1]);
      if (d < best[k - 1]) {
        int at = k - 1;
        while (at > 0 && best[at - 1] > d) {
          best[at] = best[at - 1];
          at--;
        }
        best[at] = d;
      }
    }
    int used = Math.min(k, found);
    if (used == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < used; i++) {
      sum += Math.sqrt(best[i]);
    }
    return sum / used;
  }
}
