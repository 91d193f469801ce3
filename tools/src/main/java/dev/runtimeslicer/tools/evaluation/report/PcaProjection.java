package dev.runtimeslicer.tools.evaluation.report;

import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.apache.commons.math3.stat.correlation.Covariance;

/**
 * Projects window embeddings onto their first two principal components (eigenvectors of the
 * covariance matrix, from commons-math3), for the report's projection plots.
 */
public final class PcaProjection {

  private final double[] mean;
  private final double[][] axes;

  private PcaProjection(double[] mean, double[][] axes) {
    this.mean = mean;
    this.axes = axes;
  }

  /** Fits on {@code embeddings}: at least two, all of one length. */
  public static PcaProjection fit(List<float[]> embeddings) {
    if (embeddings.size() < 2) {
      throw new IllegalArgumentException(
          "a projection needs at least two embeddings, got " + embeddings.size());
    }
    int dimensions = embeddings.get(0).length;
    double[][] rows = new double[embeddings.size()][];
    double[] mean = new double[dimensions];
    for (int i = 0; i < rows.length; i++) {
      float[] embedding = embeddings.get(i);
      if (embedding.length != dimensions) {
        throw new IllegalArgumentException(
            "embedding "
                + i
                + " has "
                + embedding.length
                + " dimensions, the first has "
                + dimensions);
      }
      rows[i] = new double[dimensions];
      for (int d = 0; d < dimensions; d++) {
        rows[i][d] = embedding[d];
        mean[d] += embedding[d] / (double) rows.length;
      }
    }
    RealMatrix covariance =
        new Covariance(new Array2DRowRealMatrix(rows, false)).getCovarianceMatrix();
    // SVD of the (symmetric, positive semi-definite) covariance: its right singular vectors are the
    // principal axes, largest first. commons-math's EigenDecomposition fails to converge on some
    // near-degenerate covariances of embeddings; its SVD does not.
    SingularValueDecomposition svd = new SingularValueDecomposition(covariance);
    double[][] axes = new double[2][dimensions];
    for (int axis = 0; axis < Math.min(2, dimensions); axis++) {
      axes[axis] = oriented(svd.getV().getColumnVector(axis));
    }
    return new PcaProjection(mean, axes);
  }

  /** The 2-D point {x, y} of {@code embedding}. */
  public double[] project(float[] embedding) {
    if (embedding.length != mean.length) {
      throw new IllegalArgumentException(
          "embedding has " + embedding.length + " dimensions, the projection " + mean.length);
    }
    double[] point = new double[2];
    for (int axis = 0; axis < 2; axis++) {
      for (int d = 0; d < mean.length; d++) {
        point[axis] += (embedding[d] - mean[d]) * axes[axis][d];
      }
    }
    return point;
  }

  /**
   * An eigenvector's sign is arbitrary; the largest component is made positive so plots do not flip
   * between runs.
   */
  private static double[] oriented(RealVector vector) {
    double[] values = vector.toArray();
    int largest = 0;
    for (int d = 1; d < values.length; d++) {
      if (Math.abs(values[d]) > Math.abs(values[largest])) {
        largest = d;
      }
    }
    if (values[largest] < 0) {
      for (int d = 0; d < values.length; d++) {
        values[d] = -values[d];
      }
    }
    return values;
  }
}
