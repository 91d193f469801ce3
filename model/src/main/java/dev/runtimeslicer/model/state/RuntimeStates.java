package dev.runtimeslicer.model.state;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The runtime states learned without labels from normal system-state embeddings: one centroid per
 * state and a radius beyond which an embedding belongs to no known state (novel). Immutable; arrays
 * are copied in and out.
 */
public final class RuntimeStates {

  private final float[][] centroids;
  private final double[] radii;
  private final int[] sizes;

  /**
   * @param centroids one centroid per state, all of the embedding's dimension
   * @param radii per state, the distance from its centroid beyond which an embedding is novel
   * @param sizes training windows per state
   */
  @JsonCreator
  public RuntimeStates(
      @JsonProperty("centroids") float[][] centroids,
      @JsonProperty("radii") double[] radii,
      @JsonProperty("sizes") int[] sizes) {
    if (centroids == null || centroids.length == 0) {
      throw new IllegalArgumentException("runtime states need at least one centroid");
    }
    if (radii == null
        || sizes == null
        || radii.length != centroids.length
        || sizes.length != centroids.length) {
      throw new IllegalArgumentException(
          "runtime states: " + centroids.length + " centroids need as many radii and sizes");
    }
    int dimension = centroids[0].length;
    this.centroids = new float[centroids.length][];
    for (int i = 0; i < centroids.length; i++) {
      if (centroids[i].length != dimension) {
        throw new IllegalArgumentException(
            "runtime state "
                + i
                + " has dimension "
                + centroids[i].length
                + ", state 0 has "
                + dimension);
      }
      this.centroids[i] = centroids[i].clone();
    }
    this.radii = radii.clone();
    this.sizes = sizes.clone();
  }

  /** Number of states. */
  public int count() {
    return centroids.length;
  }

  public int dimension() {
    return centroids[0].length;
  }

  @JsonProperty("centroids")
  public float[][] centroids() {
    float[][] copy = new float[centroids.length][];
    for (int i = 0; i < centroids.length; i++) {
      copy[i] = centroids[i].clone();
    }
    return copy;
  }

  /** Centroid of {@code state}; not a copy, so callers must not change it. */
  public float[] centroid(int state) {
    return centroids[state];
  }

  @JsonProperty("radii")
  public double[] radii() {
    return radii.clone();
  }

  @JsonProperty("sizes")
  public int[] sizes() {
    return sizes.clone();
  }

  /**
   * The nearest state of {@code embedding}, its distance, and whether it lies beyond that state's
   * radius.
   */
  public StateAssignment assign(float[] embedding) {
    if (embedding.length != dimension()) {
      throw new IllegalArgumentException(
          "embedding has dimension " + embedding.length + ", the states " + dimension());
    }
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int i = 0; i < centroids.length; i++) {
      double distance = Vectors.distance(embedding, centroids[i]);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = i;
      }
    }
    return new StateAssignment(best, bestDistance, bestDistance > radii[best]);
  }
}
