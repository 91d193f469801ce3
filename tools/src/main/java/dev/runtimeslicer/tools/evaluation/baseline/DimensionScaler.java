package dev.runtimeslicer.tools.evaluation.baseline;

import java.util.List;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Standardizes vectors with each dimension's training mean and standard deviation, so that Random
 * Cut Forest, which cuts dimensions in proportion to their range, weighs them alike.
 */
final class DimensionScaler {

  private final double[] mean;
  private final double[] scale;

  private DimensionScaler(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
  }

  /**
   * Fits on {@code rows}. {@code minScale} bounds the scale from below: a dimension constant in
   * training would otherwise turn the smallest later change into an unbounded value.
   */
  static DimensionScaler fit(List<double[]> rows, int dimensions, double minScale) {
    double[] mean = new double[dimensions];
    double[] scale = new double[dimensions];
    for (int d = 0; d < dimensions; d++) {
      SummaryStatistics stats = new SummaryStatistics();
      for (double[] row : rows) {
        stats.addValue(row[d]);
      }
      mean[d] = rows.isEmpty() ? 0 : stats.getMean();
      scale[d] = rows.size() < 2 ? minScale : Math.max(minScale, stats.getStandardDeviation());
    }
    return new DimensionScaler(mean, scale);
  }

  double[] apply(double[] row) {
    double[] scaled = new double[row.length];
    for (int d = 0; d < row.length; d++) {
      scaled[d] = (row[d] - mean[d]) / scale[d];
    }
    return scaled;
  }
}
