package dev.runtimeslicer.state;

/** Small dense-vector operations on float embeddings, accumulated in double. */
public final class Vectors {

  private Vectors() {}

  /** Euclidean distance. */
  public static double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
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
