package dev.runtimeslicer.model.task;

import java.util.Arrays;

/**
 * Turns a raw anomaly deviation into a score in [0, 1]: the share of normal windows that deviate
 * less. The body of the normal distribution is kept as quantiles; beyond its top quantile u the
 * tail is modelled as exponential in the excess over u (peaks over threshold), so that scores keep
 * ordering windows that are more extreme than anything seen in training. A score of 1 - a means a
 * normal window scores that high with probability a.
 *
 * @param quantiles raw deviations at evenly spaced levels from 0 to 1 - tailShare
 * @param tailShare share of normal windows above the last quantile (u)
 * @param meanExcess mean of (raw - u) over the normal windows above u
 */
public record TailCalibration(double[] quantiles, double tailShare, double meanExcess) {

  /** Quantile levels kept for the body of the distribution. */
  static final int BODY_POINTS = 101;

  /** Excesses are at least this, so a flat normal tail does not make every exceedance certain. */
  private static final double MIN_MEAN_EXCESS = 0.05;

  public TailCalibration {
    if (quantiles.length < 2 || !(tailShare > 0 && tailShare < 1) || !(meanExcess > 0)) {
      throw new IllegalArgumentException(
          "tail calibration needs >= 2 quantiles, a tail share in (0, 1) and a positive mean"
              + " excess");
    }
  }

  /** Fits the calibration to the raw deviations of normal windows. */
  public static TailCalibration fit(double[] normalRaw, double tailShare) {
    return fit(normalRaw, tailShare, false);
  }

  /**
   * Fits the calibration; {@code fromBody} caps the tail's scale (the mean excess over u) at the
   * body's (the one that spans the median to u), so failures hiding among unlabeled normal windows,
   * which fill the top of the distribution, do not stretch the tail until they look normal, while a
   * light tail keeps its own, smaller scale.
   */
  public static TailCalibration fit(double[] normalRaw, double tailShare, boolean fromBody) {
    double[] sorted = Arrays.stream(normalRaw).filter(Double::isFinite).sorted().toArray();
    if (sorted.length < 2) {
      throw new IllegalArgumentException(
          "tail calibration needs at least 2 finite normal deviations, got " + sorted.length);
    }
    double bodyTop = 1 - tailShare;
    double[] quantiles = new double[BODY_POINTS];
    for (int i = 0; i < BODY_POINTS; i++) {
      quantiles[i] = RobustScale.quantile(sorted, bodyTop * i / (BODY_POINTS - 1));
    }
    double u = quantiles[BODY_POINTS - 1];
    double excess = 0;
    int above = 0;
    for (double value : sorted) {
      if (value > u) {
        excess += value - u;
        above++;
      }
    }
    double mean = above == 0 ? 0 : excess / above;
    // The body's scale caps the tail's: failures among the windows make the excesses over u, not
    // the body.
    double bodyScale = (u - RobustScale.quantile(sorted, 0.5)) / Math.log(0.5 / tailShare);
    double meanExcess = Math.max(MIN_MEAN_EXCESS, fromBody ? Math.min(mean, bodyScale) : mean);
    return new TailCalibration(quantiles, tailShare, meanExcess);
  }

  /** Score in [0, 1] of a raw deviation; NaN (nothing to compare) scores 0. */
  public double score(double raw) {
    if (Double.isNaN(raw)) {
      return 0;
    }
    int last = quantiles.length - 1;
    double u = quantiles[last];
    if (raw >= u) {
      return 1 - tailShare * Math.exp(-(raw - u) / meanExcess);
    }
    if (raw <= quantiles[0]) {
      return 0;
    }
    int i = Arrays.binarySearch(quantiles, raw);
    int upper = i >= 0 ? i : -i - 1;
    int lower = Math.max(0, upper - 1);
    double span = quantiles[upper] - quantiles[lower];
    double within = span <= 0 ? 1 : (raw - quantiles[lower]) / span;
    return (1 - tailShare) * (lower + within) / last;
  }

  /** The raw deviation whose score is {@code score}: the inverse of {@link #score} in the tail. */
  public double rawAt(double score) {
    double u = quantiles[quantiles.length - 1];
    if (score <= 1 - tailShare) {
      return RobustScale.quantile(quantiles, score / (1 - tailShare));
    }
    return u - meanExcess * Math.log((1 - score) / tailShare);
  }
}
