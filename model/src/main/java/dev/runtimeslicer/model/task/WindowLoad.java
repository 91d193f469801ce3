package dev.runtimeslicer.model.task;

import java.util.Arrays;

/**
 * How much more work than normal a system is doing in a window: the median, over its services with
 * traced requests and a positive normal request rate, of each one's request rate over that normal
 * median. A traffic surge raises every service's rate alike; a failure moves a few, which the
 * median over services passes over. NaN when too few services tell ({@link #MIN_SERVICES}).
 */
public final class WindowLoad {

  /** Services whose request rate must be known for a window's load. */
  public static final int MIN_SERVICES = 3;

  private WindowLoad() {}

  /**
   * The load from each service's request rate over its normal median ({@code ratios}, the first
   * {@code count} used; NaN entries skipped); NaN when fewer than {@link #MIN_SERVICES} are known.
   * Reorders the entries it reads.
   */
  public static double ofRatios(double[] ratios, int count) {
    int known = 0;
    for (int i = 0; i < count; i++) {
      if (Double.isFinite(ratios[i]) && ratios[i] > 0) {
        ratios[known++] = ratios[i];
      }
    }
    if (known < MIN_SERVICES) {
      return Double.NaN;
    }
    Arrays.sort(ratios, 0, known);
    return known % 2 == 1 ? ratios[known / 2] : 0.5 * (ratios[known / 2 - 1] + ratios[known / 2]);
  }

  /** One service's ratio for {@link #ofRatios}: NaN without a rate or a positive normal. */
  public static double ratio(double requestsPerSecond, RobustScale normal) {
    return normal == null || !(normal.median() > 0) || Double.isNaN(requestsPerSecond)
        ? Double.NaN
        : requestsPerSecond / normal.median();
  }
}
