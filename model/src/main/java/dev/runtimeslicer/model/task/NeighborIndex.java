package dev.runtimeslicer.model.task;

/**
 * The references of a {@link NeighborReference} laid out dimension by dimension, in double, for the
 * detect path: the squared distances to all references grow together, one pass over the references
 * per dimension. That loop has no reduction in it, so the JIT vectorizes it, which the
 * reference-by-reference loop (a sum per pair) it replaces could not be; a few times faster at the
 * 600 references per state that tuning keeps. Same sums in the same order as {@link
 * dev.runtimeslicer.model.state.Vectors#squaredDistance}, so the same result as {@link
 * NeighborReference#meanNearest}. Immutable and thread-safe.
 */
final class NeighborIndex {

  private final NeighborReference reference;

  /** [dimension][reference]. */
  private final double[][] byDimension;

  NeighborIndex(NeighborReference reference) {
    this.reference = reference;
    float[][] embeddings = reference.embeddings();
    int dimension = embeddings[0].length;
    this.byDimension = new double[dimension][embeddings.length];
    for (int r = 0; r < embeddings.length; r++) {
      if (embeddings[r].length != dimension) {
        throw new IllegalArgumentException(
            "neighbour reference mixes dimensions " + dimension + " and " + embeddings[r].length);
      }
      for (int d = 0; d < dimension; d++) {
        byDimension[d][r] = embeddings[r][d];
      }
    }
  }

  /** As {@link NeighborReference#deviation}. */
  double deviation(float[] embedding) {
    return reference.distance().z(meanNearest(embedding));
  }

  /** As {@link NeighborReference#meanNearest} skipping nothing. */
  double meanNearest(float[] embedding) {
    if (embedding.length != byDimension.length) {
      throw new IllegalArgumentException(
          "embedding has dimension " + embedding.length + ", the references " + byDimension.length);
    }
    int count = byDimension[0].length;
    double[] sums = new double[count];
    for (int d = 0; d < byDimension.length; d++) {
      double q = embedding[d];
      double[] column = byDimension[d];
      for (int r = 0; r < count; r++) {
        double x = q - column[r];
        sums[r] += x * x;
      }
    }
    NearestDistances nearest = new NearestDistances(reference.neighbors());
    for (double d : sums) {
      nearest.offer(d);
    }
    return nearest.meanDistance();
  }
}
