package dev.runtimeslicer.embedding;

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
      throw new IllegalArgumentException("mean has " + mean.length + " features, std " + std.length);
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

  /** Standardizes {@code width()} raw values at {@code offset} in place, then clips them. */
  void apply(float[] values, int offset, double scaleFloor, double clip) {
    float bound = (float) clip;
    for (int i = 0; i < mean.length; i++) {
      float scaled = (values[offset + i] - mean[i]) / (float) Math.max(std[i], scaleFloor);
      values[offset + i] = Math.max(-bound, Math.min(bound, scaled));
    }
  }
}
