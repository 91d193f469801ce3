package dev.runtimeslicer.model.embedding;

import java.util.Arrays;

/**
 * Per-feature mean and standard deviation of one modality's tokens, learned on training data and
 * stored in the bundle. Arrays are copied in and out, so an instance never changes.
 */
public final class FeatureScaling {

  private final float[] mean;
  private final float[] std;

  public FeatureScaling(float[] mean, float[] std) {
    if (mean.length != std.length) {
      throw new IllegalArgumentException(
          "mean has " + mean.length + " features, std " + std.length);
    }
    this.mean = mean.clone();
    this.std = std.clone();
  }

  /** Mean 0 and deviation 1: raw features pass unchanged except for clipping. */
  public static FeatureScaling identity(int width) {
    float[] ones = new float[width];
    Arrays.fill(ones, 1f);
    return new FeatureScaling(new float[width], ones);
  }

  public int width() {
    return mean.length;
  }

  public float[] mean() {
    return mean.clone();
  }

  public float[] std() {
    return std.clone();
  }

  /** This scaling with the schema's floor and clip bound fixed, for applying it many times. */
  Prepared prepare(double scaleFloor, double clip) {
    return new Prepared(mean, std, scaleFloor, clip);
  }

  /**
   * Standardizes and clips tokens in place. Each value is multiplied by the reciprocal of its
   * floored deviation, computed once here: a float division costs several multiplications, and the
   * featurizer scales some 13,000 values per 50-service slice. The clip is a plain comparison
   * (Math.min/max on floats kept the loop several times slower).
   */
  static final class Prepared {

    private final float[] mean;
    private final float[] inverse;
    private final float bound;

    private Prepared(float[] mean, float[] std, double scaleFloor, double clip) {
      this.mean = mean.clone();
      this.inverse = new float[std.length];
      for (int i = 0; i < std.length; i++) {
        inverse[i] = (float) (1.0 / Math.max(std[i], scaleFloor));
      }
      this.bound = (float) clip;
    }

    /**
     * Standardizes the {@code mean.length} raw values at {@code offset} in place, then clips them.
     */
    void apply(float[] values, int offset) {
      float upper = bound;
      float lower = -bound;
      for (int i = 0; i < mean.length; i++) {
        float scaled = (values[offset + i] - mean[i]) * inverse[i];
        // NaN passes through and -0 stays -0, as with Math.max(lower, Math.min(upper, scaled)).
        values[offset + i] = scaled > upper ? upper : scaled < lower ? lower : scaled;
      }
    }
  }
}
