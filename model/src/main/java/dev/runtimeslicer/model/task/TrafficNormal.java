package dev.runtimeslicer.model.task;

/**
 * What one piece of a service's traffic (an operation, its calls to one callee, one log template)
 * looked like in recent calm windows: exponentially weighted means of its count and errors per
 * window and of its mean duration, with the weighted mean absolute deviation of that duration. A
 * Flink POJO inside {@link RecentTraffic}. Durations are learned robustly: each update's deviation
 * is capped at {@link #CAP} spreads, so the onset of a failure that has not alerted yet moves the
 * normal little.
 */
public class TrafficNormal {

  /** Deviations beyond this many spreads are learned as this many. */
  static final double CAP = 4.0;

  public double count;
  public double errors;

  /** Mean duration in ms; NaN until a window timed it. */
  public double meanMs = Double.NaN;

  public double deviationMs;

  /** Windows in which it was timed. */
  public long timed;

  public TrafficNormal() {}

  /**
   * Moves the normal towards one window by {@code weight}.
   *
   * @param meanMs the window's mean duration, NaN when it was not timed (absent, or too few calls)
   * @param floorMs the smallest spread a duration is judged against
   */
  void update(double weight, double count, double errors, double meanMs, double floorMs) {
    this.count += weight * (count - this.count);
    this.errors += weight * (errors - this.errors);
    if (!Double.isFinite(meanMs)) {
      return;
    }
    if (timed == 0 || !Double.isFinite(this.meanMs)) {
      this.meanMs = meanMs;
      deviationMs = 0;
      timed = 1;
      return;
    }
    // While few windows are in, they weigh as a plain average, so a new key is not judged on one
    // window.
    double w = Math.max(weight, 1.0 / (timed + 1));
    double limit = CAP * spreadMs(floorMs);
    double delta = Math.max(-limit, Math.min(limit, meanMs - this.meanMs));
    this.meanMs += w * delta;
    deviationMs += w * (Math.abs(delta) - deviationMs);
    timed++;
  }

  /**
   * The spread a duration is judged against: the mean absolute deviation, at least {@code floorMs}.
   */
  double spreadMs(double floorMs) {
    return Math.max(deviationMs, floorMs);
  }

  /** Whether nothing of it is left worth remembering. */
  boolean faded(double smallest) {
    return count < smallest && errors < smallest;
  }
}
