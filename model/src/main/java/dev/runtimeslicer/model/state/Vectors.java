package dev.runtimeslicer.model.state;

/**
 * Small dense-vector operations on float embeddings, in double: differences of components are taken
 * in double (exact for floats of like magnitude, where a float difference could round), and sums
 * run in index order.
 */
public final class Vectors {

  /** Elements between checks of the bound in {@link #squaredDistanceUnless}. */
  private static final int CHECK_EVERY = 16;

  private Vectors() {}

  /** Euclidean distance. */
  public static double distance(float[] a, float[] b) {
    return Math.sqrt(squaredDistance(a, b));
  }

  /** Squared Euclidean distance; its square root is {@link #distance}. */
  public static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }

  /**
   * The squared distance, the same value as {@link #squaredDistance}, or, as soon as a partial sum
   * exceeds {@code bound}, some value above {@code bound}: partial sums of squares only grow, so
   * the full sum would exceed it too. For nearest-neighbour searches, where most candidates are
   * farther than the k-th nearest so far.
   */
  public static double squaredDistanceUnless(float[] a, float[] b, double bound) {
    double sum = 0;
    int i = 0;
    while (i < a.length) {
      int stop = Math.min(a.length, i + CHECK_EVERY);
      for (; i < stop; i++) {
        double d = (double) a[i] - b[i];
        sum += d * d;
      }
      if (sum > bound) {
        return sum;
      }
    }
    return sum;
  }

  /** a - b. */
  public static float[] minus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  public static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  /** A unit-length copy; the zero vector stays zero. */
  public static float[] unit(float[] a) {
    double norm = Math.sqrt(dot(a, a));
    float[] out = new float[a.length];
    if (norm == 0) {
      return out;
    }
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (a[i] / norm);
    }
    return out;
  }

  /** Concatenation of a and b. */
  public static float[] concat(float[] a, float[] b) {
    float[] out = new float[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
