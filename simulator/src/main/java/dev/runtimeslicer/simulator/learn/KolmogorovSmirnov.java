package dev.runtimeslicer.simulator.learn;

import java.util.Arrays;

/** The two-sample Kolmogorov-Smirnov statistic: the largest gap between two empirical CDFs. */
public final class KolmogorovSmirnov {

  private KolmogorovSmirnov() {}

  /** D = sup |F1(x) - F2(x)| of the two samples (not modified). */
  public static double statistic(double[] first, double[] second) {
    double[] a = first.clone();
    double[] b = second.clone();
    Arrays.sort(a);
    Arrays.sort(b);
    int i = 0;
    int j = 0;
    double max = 0;
    while (i < a.length && j < b.length) {
      double x = Math.min(a[i], b[j]);
      while (i < a.length && a[i] <= x) {
        i++;
      }
      while (j < b.length && b[j] <= x) {
        j++;
      }
      max = Math.max(max, Math.abs((double) i / a.length - (double) j / b.length));
    }
    return max;
  }

  /**
   * The critical value of D at significance {@code alpha} for samples of sizes n and m
   * (asymptotic).
   */
  public static double criticalValue(double alpha, int n, int m) {
    double c = Math.sqrt(-Math.log(alpha / 2) / 2);
    return c * Math.sqrt((double) (n + m) / ((double) n * m));
  }
}
