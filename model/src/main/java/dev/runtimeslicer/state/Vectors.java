package dev.runtimeslicer.state;

/**
 * Small dense-vector operations on float embeddings, accumulated in double. Sums run in four
 * interleaved partial sums: one running sum is a chain of dependent additions that leaves the core
 * waiting on each, and the task heads spend most of their time in these loops. The result differs
 * from a single running sum only in the last bits of the double.
 */
public final class Vectors {

  /** Elements between checks of the bound in {@link #squaredDistanceUnless}. */
  private static final int CHECK_EVERY = 32;

  private Vectors() {}

  /** Euclidean distance. */
  public static double distance(float[] a, float[] b) {
    return Math.sqrt(squaredDistance(a, b));
  }

  /** Squared Euclidean distance; its square root is {@link #distance}. */
  public static double squaredDistance(float[] a, float[] b) {
    return squaredDistanceUnless(a, b, Double.POSITIVE_INFINITY);
  }

  /**
   * The squared distance as {@link #squaredDistance} computes it, or, as soon as a partial sum
   * exceeds {@code bound}, some value above {@code bound}: partial sums of squares only grow, so
   * the full sum would exceed it too. For nearest-neighbour searches, where most candidates are
   * farther than the k-th nearest so far.
   */
  public static double squaredDistanceUnless(float[] a, float[] b, double bound) {
    int n = a.length;
    if (b.length < n) {
      throw new IllegalArgumentException("vectors of dimension " + n + " and " + b.length);
    }
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    while (i + 3 < n) {
      // A float difference, widened: its square is exact in double, as in a plain loop.
      int stop = Math.min(n - 3, i + CHECK_EVERY);
      for (; i < stop; i += 4) {
        double d0 = a[i] - b[i];
        double d1 = a[i + 1] - b[i + 1];
        double d2 = a[i + 2] - b[i + 2];
        double d3 = a[i + 3] - b[i + 3];
        s0 += d0 * d0;
        s1 += d1 * d1;
        s2 += d2 * d2;
        s3 += d3 * d3;
      }
      if (i + 3 < n && (s0 + s1) + (s2 + s3) > bound) {
        return (s0 + s1) + (s2 + s3);
      }
    }
    for (; i < n; i++) {
      double d = a[i] - b[i];
      s0 += d * d;
    }
    return (s0 + s1) + (s2 + s3);
  }

  /** a - b. */
  public static float[] minus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  /** Dot product (products in float, as {@code a[i] * b[i]}, summed in double). */
  public static double dot(float[] a, float[] b) {
    int n = a.length;
    if (b.length < n) {
      throw new IllegalArgumentException("vectors of dimension " + n + " and " + b.length);
    }
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (; i + 3 < n; i += 4) {
      s0 += a[i] * b[i];
      s1 += a[i + 1] * b[i + 1];
      s2 += a[i + 2] * b[i + 2];
      s3 += a[i + 3] * b[i + 3];
    }
    for (; i < n; i++) {
      s0 += a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
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
