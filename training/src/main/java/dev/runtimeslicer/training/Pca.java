package dev.runtimeslicer.training;

/**
 * Principal component analysis by cyclic Jacobi rotations of the covariance matrix: the untrained
 * baseline that the learned encoder has to beat.
 */
public final class Pca {

  private static final int MAX_SWEEPS = 50;
  private static final double CONVERGED = 1e-12;

  private final double[] mean;

  /** Components as rows [k, d], by decreasing variance. */
  private final double[][] components;

  private Pca(double[] mean, double[][] components) {
    this.mean = mean;
    this.components = components;
  }

  /** Fits the top {@code k} components of {@code rows} [n, d]. */
  public static Pca fit(float[][] rows, int k) {
    int d = rows[0].length;
    double[] mean = new double[d];
    for (float[] row : rows) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / (double) rows.length;
      }
    }
    double[][] covariance = new double[d][d];
    for (float[] row : rows) {
      for (int a = 0; a < d; a++) {
        double da = row[a] - mean[a];
        if (da == 0) {
          continue;
        }
        for (int b = a; b < d; b++) {
          covariance[a][b] += da * (row[b] - mean[b]);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        covariance[a][b] /= Math.max(1, rows.length - 1);
        covariance[b][a] = covariance[a][b];
      }
    }
    double[][] vectors = new double[d][d];
    for (int i = 0; i < d; i++) {
      vectors[i][i] = 1;
    }
    jacobi(covariance, vectors);
    Integer[] order = new Integer[d];
    for (int i = 0; i < d; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (x, y) -> Double.compare(covariance[y][y], covariance[x][x]));
    int kept = Math.min(k, d);
    double[][] components = new double[kept][d];
    for (int c = 0; c < kept; c++) {
      for (int j = 0; j < d; j++) {
        components[c][j] = vectors[j][order[c]];
      }
    }
    return new Pca(mean, components);
  }

  /**
   * Diagonalizes the symmetric {@code a} in place; eigenvectors accumulate as columns of {@code v}.
   */
  private static void jacobi(double[][] a, double[][] v) {
    int n = a.length;
    for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
      double off = 0;
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          off += a[p][q] * a[p][q];
        }
      }
      if (off < CONVERGED) {
        return;
      }
      for (int p = 0; p < n; p++) {
        for (int q = p + 1; q < n; q++) {
          if (Math.abs(a[p][q]) < 1e-300) {
            continue;
          }
          double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
          double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
          if (theta == 0) {
            t = 1;
          }
          double c = 1 / Math.sqrt(t * t + 1);
          double s = t * c;
          for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - s * akq;
            a[k][q] = s * akp + c * akq;
          }
          for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - s * aqk;
            a[q][k] = s * apk + c * aqk;
          }
          for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - s * vkq;
            v[k][q] = s * vkp + c * vkq;
          }
        }
      }
    }
  }

  /** Coordinates of {@code row} on the components. */
  public float[] project(float[] row) {
    float[] out = new float[components.length];
    for (int c = 0; c < components.length; c++) {
      double sum = 0;
      for (int j = 0; j < row.length; j++) {
        sum += (row[j] - mean[j]) * components[c][j];
      }
      out[c] = (float) sum;
    }
    return out;
  }
}
