package dev.runtimeslicer.model.task;

import java.util.Arrays;

/**
 * The k smallest squared distances offered so far, kept sorted by insertion (k is a handful, so
 * this beats a heap), and their mean root: the k-NN distance both neighbour searches report.
 */
final class NearestDistances {

  private final double[] best;
  private int offered;

  NearestDistances(int k) {
    best = new double[k];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
  }

  /** The k-th smallest so far: a candidate at or beyond it cannot enter. */
  double bound() {
    return best[best.length - 1];
  }

  void offer(double squared) {
    offered++;
    if (squared < bound()) {
      int at = best.length - 1;
      while (at > 0 && best[at - 1] > squared) {
        best[at] = best[at - 1];
        at--;
      }
      best[at] = squared;
    }
  }

  /** Mean distance of the (up to) k nearest offered; NaN when none was offered. */
  double meanDistance() {
    int used = Math.min(best.length, offered);
    if (used == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (int i = 0; i < used; i++) {
      sum += Math.sqrt(best[i]);
    }
    return sum / used;
  }
}
