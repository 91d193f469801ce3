package dev.runtimeslicer.model.task;

/**
 * Location and spread of a quantity over normal windows (median and a scaled MAD, floored), so that
 * a new value becomes a z-like deviation that one extreme training window cannot distort.
 */
public record RobustScale(double median, double scale) {

  /** MAD times this estimates the standard deviation of normally distributed data. */
  private static final double MAD_TO_SIGMA = 1.4826;

  public RobustScale {
    if (!Double.isFinite(median) || !(scale > 0) || !Double.isFinite(scale)) {
      throw new IllegalArgumentException(
          "robust scale needs a finite median and a positive scale, got " + median + " / " + scale);
    }
  }

  /** (value - median) / scale. */
  public double z(double value) {
    return (value - median) / scale;
  }

  /**
   * Median and MAD of {@code values}; the scale is at least {@code relativeFloor} of |median| and
   * at least {@code absoluteFloor}, so constant training values do not make every change infinite.
   */
  public static RobustScale of(double[] values, double relativeFloor, double absoluteFloor) {
    if (values.length == 0) {
      throw new IllegalArgumentException("robust scale of no values");
    }
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    double median = quantile(sorted, 0.5);
    double[] deviations = new double[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      deviations[i] = Math.abs(sorted[i] - median);
    }
    java.util.Arrays.sort(deviations);
    double mad = quantile(deviations, 0.5) * MAD_TO_SIGMA;
    return new RobustScale(
        median, Math.max(mad, Math.max(absoluteFloor, relativeFloor * Math.abs(median))));
  }

  /** Linear-interpolated quantile of sorted values. */
  public static double quantile(double[] sorted, double level) {
    if (sorted.length == 1) {
      return sorted[0];
    }
    double position = level * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(sorted.length - 1, lower + 1);
    double weight = position - lower;
    return sorted[lower] * (1 - weight) + sorted[upper] * weight;
  }

  /**
   * The {@code level} quantile of sorted values, at most what an exponential tail fitted to their
   * body predicts (its scale spans the median to the {@code bodyTop} quantile): values above the
   * body (failures among unlabeled windows, up to a share of {@code 1 - bodyTop}) cannot raise it,
   * while a tail lighter than exponential keeps its own, lower quantile.
   */
  public static double bodyCappedQuantile(double[] sorted, double level, double bodyTop) {
    if (!(bodyTop > 0.5 && bodyTop < 1) || !(level > 0 && level < 1)) {
      throw new IllegalArgumentException(
          "body-capped quantile needs a body top in (0.5, 1) and a level in (0, 1), got "
              + bodyTop
              + " / "
              + level);
    }
    double median = quantile(sorted, 0.5);
    double top = quantile(sorted, bodyTop);
    if (level <= bodyTop) {
      return quantile(sorted, level);
    }
    double scale = Math.max(0, top - median) / Math.log(0.5 / (1 - bodyTop));
    return Math.min(quantile(sorted, level), top + scale * Math.log((1 - bodyTop) / (1 - level)));
  }
}
