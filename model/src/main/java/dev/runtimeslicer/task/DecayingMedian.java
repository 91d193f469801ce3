package dev.runtimeslicer.task;

/**
 * The median of a stream that forgets: an exponentially weighted histogram of the values in fixed
 * bins (robust z units, so one range fits every service). Robust where a mean is not: as long as
 * unusual values are less than half of the recent weight, the median stays with the usual ones.
 * Adding is O(1) (later values get exponentially growing weights instead of decaying the others);
 * the median walks the bins. A Flink POJO, part of keyed state.
 */
public class DecayingMedian {

  static final double LOW = -4;
  static final double HIGH = 16;
  static final int BINS = 80;
  private static final double WIDTH = (HIGH - LOW) / BINS;
  /** Weights are renormalized before they could overflow. */
  private static final double RESCALE_AT = 1e200;

  public double[] weights = new double[BINS];
  public double total;
  /** Weight the next value gets. */
  public double nextWeight = 1;
  public long observations;

  public DecayingMedian() {}

  /** Adds {@code value}; older values lose weight by {@code 1 - alpha} per addition. */
  public void add(double value, double alpha) {
    if (!Double.isFinite(value)) {
      return;
    }
    int bin = (int) Math.floor((Math.max(LOW, Math.min(HIGH - 1e-9, value)) - LOW) / WIDTH);
    weights[bin] += nextWeight;
    total += nextWeight;
    observations++;
    nextWeight /= 1 - alpha;
    if (nextWeight > RESCALE_AT) {
      for (int i = 0; i < BINS; i++) {
        weights[i] /= nextWeight;
      }
      total /= nextWeight;
      nextWeight = 1;
    }
  }

  /** The weighted median, interpolated within its bin; 0 before anything was added. */
  public double median() {
    if (total <= 0) {
      return 0;
    }
    double half = total / 2;
    double below = 0;
    for (int i = 0; i < BINS; i++) {
      if (below + weights[i] >= half) {
        double within = weights[i] == 0 ? 0.5 : (half - below) / weights[i];
        return LOW + (i + within) * WIDTH;
      }
      below += weights[i];
    }
    return HIGH;
  }
}
