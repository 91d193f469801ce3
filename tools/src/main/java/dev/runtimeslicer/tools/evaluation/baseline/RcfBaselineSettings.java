package dev.runtimeslicer.tools.evaluation.baseline;

/**
 * Settings of the Random Cut Forest baseline.
 *
 * @param trees trees of the forest
 * @param sampleSize points each tree keeps; the forest scores only after it has seen a quarter of
 *     this
 * @param seed the forest's random seed: the same seed and data give the same scores
 * @param thresholdQuantile quantile of the training scores (of windows outside labeled faults) used
 *     as threshold
 * @param fireAfter consecutive windows above the threshold before an alert fires
 * @param resolveAfter consecutive windows not above it before the alert resolves
 * @param minScale smallest per-dimension scale when standardizing (raw features are logs and
 *     shares)
 */
public record RcfBaselineSettings(
    int trees,
    int sampleSize,
    long seed,
    double thresholdQuantile,
    int fireAfter,
    int resolveAfter,
    double minScale) {

  public RcfBaselineSettings {
    if (trees < 1 || sampleSize < 4) {
      throw new IllegalArgumentException(
          "need at least 1 tree and a sample size of 4, got " + trees + " and " + sampleSize);
    }
    if (!(thresholdQuantile > 0 && thresholdQuantile <= 1)) {
      throw new IllegalArgumentException(
          "thresholdQuantile must be in (0, 1], got " + thresholdQuantile);
    }
    if (!(minScale > 0)) {
      throw new IllegalArgumentException("minScale must be positive, got " + minScale);
    }
    new AlertHysteresis(fireAfter, resolveAfter); // validates both
  }

  /**
   * 50 trees of 256 points (RCF's own defaults), seed 42, the 99th percentile, fire after 3 windows
   * and resolve after 3 (30 s each at the default 10 s slide), scale at least 0.05.
   */
  public static RcfBaselineSettings defaults() {
    return new RcfBaselineSettings(50, 256, 42, 0.99, 3, 3, 0.05);
  }

  /** These settings with another seed. */
  public RcfBaselineSettings withSeed(long newSeed) {
    return new RcfBaselineSettings(
        trees, sampleSize, newSeed, thresholdQuantile, fireAfter, resolveAfter, minScale);
  }

  /** These settings with another alerting rule. */
  public RcfBaselineSettings withHysteresis(int newFireAfter, int newResolveAfter) {
    return new RcfBaselineSettings(
        trees, sampleSize, seed, thresholdQuantile, newFireAfter, newResolveAfter, minScale);
  }

  AlertHysteresis hysteresis() {
    return new AlertHysteresis(fireAfter, resolveAfter);
  }

  /** Windows the forest must have seen before it scores. */
  int outputAfter() {
    return Math.max(1, sampleSize / 4);
  }
}
