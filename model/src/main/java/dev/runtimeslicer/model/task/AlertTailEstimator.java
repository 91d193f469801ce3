package dev.runtimeslicer.model.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fits an {@link AlertTail} to run levels of normal windows, the same way at tuning time and
 * online: runs above a base level are declustered into excursions (runs less than the resolving
 * windows apart are one alert), and the excursions' peaks above the base give an exponential tail.
 */
public final class AlertTailEstimator {

  /** Excursions wanted above the base level: enough for a steady scale, few enough to be a tail. */
  public static final int TARGET_PEAKS = 20;

  /** Base levels tried, as quantiles of the run levels, highest first. */
  private static final double[] BASE_QUANTILES = {
    0.999, 0.998, 0.995, 0.99, 0.98, 0.95, 0.9, 0.8, 0.5
  };

  /** Smallest excess scale: a flat tail must not make every higher score equally likely. */
  public static final double MIN_EXCESS_NINES = 0.1;

  /**
   * The run level of a window that fired: above every base, and its excursion is not a normal one.
   */
  public static final double FIRED = Double.NaN;

  private AlertTailEstimator() {}

  /**
   * The run level of every window, in nines, from the windows' nines in time order: the lowest of
   * it and the {@code firingWindows - 1} windows before it (an alert needs that many in a row), so
   * a stretch's first {@code firingWindows - 1} windows have none.
   */
  public static List<Double> levels(List<Double> nines, int firingWindows) {
    List<Double> out = new ArrayList<>();
    for (int i = firingWindows - 1; i < nines.size(); i++) {
      double level = Double.MAX_VALUE;
      for (int j = i - firingWindows + 1; j <= i; j++) {
        level = Math.min(level, nines.get(j));
      }
      out.add(level);
    }
    return out;
  }

  /**
   * The tail of {@code segments} (stretches of consecutive run levels) observed over {@code days}
   * of normal telemetry, at the highest base level with {@link #TARGET_PEAKS} excursions above it
   * (or the lowest tried); null when there is nothing to fit. A level of {@link #FIRED} marks a
   * window that fired: the excursion it belongs to is left out (see {@link #peaks}).
   */
  public static AlertTail fit(List<List<Double>> segments, double days, int resolvingWindows) {
    return fit(segments, days, resolvingWindows, Double.NaN);
  }

  /**
   * {@link #fit(List, double, int)} of excursions that were only seen below {@code
   * truncatedAtNines} (NaN: all were seen): above it they fired and were left out, so the peaks
   * seen are a truncated sample. The scale is the one whose exponential, truncated there, has the
   * peaks' median, and the rate counts the excursions the truncation hid. Fitting the truncated
   * peaks as if whole would read a heavier day as a lighter one and keep the firing score too low.
   */
  public static AlertTail fit(
      List<List<Double>> segments, double days, int resolvingWindows, double truncatedAtNines) {
    double[] all =
        segments.stream()
            .flatMap(List::stream)
            .mapToDouble(Double::doubleValue)
            .filter(level -> !Double.isNaN(level))
            .sorted()
            .toArray();
    if (all.length == 0 || !(days > 0)) {
      return null;
    }
    double base = Double.NaN;
    List<Double> peaks = List.of();
    for (double q : BASE_QUANTILES) {
      double level = all[(int) Math.min(all.length - 1, Math.floor(q * all.length))];
      List<Double> above = peaks(segments, level, resolvingWindows);
      base = level;
      peaks = above;
      if (above.size() >= TARGET_PEAKS) {
        break;
      }
    }
    double scale = MIN_EXCESS_NINES;
    if (!peaks.isEmpty()) {
      double[] over = new double[peaks.size()];
      for (int i = 0; i < over.length; i++) {
        over[i] = peaks.get(i) - base;
      }
      Arrays.sort(over);
      // The median excess over ln 2 estimates an exponential scale and, unlike the mean (or a mean
      // of excesses capped at their 80th percentile, tried on the dev set online-shop-11: 16 -> 9
      // of 20 faults caught without labels), is not pulled up by failures among unlabeled windows.
      double median = RobustScale.quantile(over, 0.5);
      scale = Math.max(MIN_EXCESS_NINES, median / Math.log(2));
      double room = truncatedAtNines - base;
      if (room > 0) {
        scale = Math.max(MIN_EXCESS_NINES, truncatedScale(median, room));
        double seen = 1 - Math.exp(-room / scale);
        return new AlertTail(
            Math.min(AlertTail.MAX_NINES, Math.max(0, base)),
            scale,
            peaks.size() / days / seen,
            days);
      }
    }
    return new AlertTail(
        Math.min(AlertTail.MAX_NINES, Math.max(0, base)), scale, peaks.size() / days, days);
  }

  /**
   * The scale s of an exponential truncated at {@code room} whose median is {@code median}: the
   * root of (1 - e^(-median/s)) = (1 - e^(-room/s)) / 2, by bisection (the left side's share falls
   * from 1 towards median/room as s grows). Peaks spread so evenly below the truncation that no
   * exponential has their median (median at least half the room) get the scale of the room itself:
   * heavier than anything seen, but no more than the data can say.
   */
  static double truncatedScale(double median, double room) {
    if (!(median > 0)) {
      return MIN_EXCESS_NINES;
    }
    if (median >= room / 2) {
      return room;
    }
    double low = MIN_EXCESS_NINES / 100;
    double high = room;
    for (int i = 0; i < 100; i++) {
      double s = Math.sqrt(low * high);
      double share = (1 - Math.exp(-median / s)) / (1 - Math.exp(-room / s));
      if (share > 0.5) {
        low = s;
      } else {
        high = s;
      }
    }
    return Math.sqrt(low * high);
  }

  /**
   * The peaks of the excursions above {@code level}: runs of levels above it, where runs less than
   * {@code resolvingWindows} apart are one excursion (the lifecycle would not have resolved between
   * them). An excursion with a {@link #FIRED} level was an alert: it is left out whole, its rise
   * and fall with it, so an incident does not teach the normal tail (SPOT leaves out its alarms).
   */
  public static List<Double> peaks(
      List<List<Double>> segments, double level, int resolvingWindows) {
    List<Double> peaks = new ArrayList<>();
    for (List<Double> segment : segments) {
      double peak = Double.NEGATIVE_INFINITY;
      boolean open = false;
      boolean fired = false;
      int below = 0;
      for (double value : segment) {
        if (Double.isNaN(value) || value > level) {
          open = true;
          fired |= Double.isNaN(value);
          peak = Double.isNaN(value) ? peak : Math.max(peak, value);
          below = 0;
        } else if (open && ++below >= resolvingWindows) {
          if (!fired) {
            peaks.add(peak);
          }
          open = false;
          fired = false;
          peak = Double.NEGATIVE_INFINITY;
        }
      }
      if (open && !fired) {
        peaks.add(peak);
      }
    }
    return peaks;
  }
}
