package dev.runtimeslicer.model.slice;

import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative monotonic sums (OTLP counters with cumulative temporality: CPU time, bytes sent,
 * errors so far) as rates. Their level only says how long a process has run and never returns after
 * a fault, so a slice carries their increase per minute within the window instead, series name
 * suffixed {@value #SUFFIX}. A counter is differenced per instance (instances count separately and
 * restart separately), so the decoder keys its points by series and instance and the assembler sums
 * the instances' increases.
 */
public final class CumulativeCounters {

  /** Ends the name of a counter series in slices: its values are increases per second. */
  public static final String SUFFIX = ":rate";

  /**
   * Ends the name of a delta monotonic sum's series in pane state (counts per export interval): its
   * window increase is the sum of its points, and slices carry it as {@link #SUFFIX}, like a
   * cumulative counter of the same name, so a feature does not depend on the SDK's temporality.
   */
  public static final String DELTA_SUFFIX = ":delta";

  /** Separates a counter's series key from its instance in pane state. */
  static final char INSTANCE = '@';

  /**
   * Rates are per minute, not per second: the encoder sees values on a log scale, where a rare
   * event (a restart, a few errors) per second is indistinguishable from none.
   */
  static final double RATE_UNIT_MS = 60_000.0;

  private CumulativeCounters() {}

  /** The pane key of a counter series of one instance. */
  public static String paneKey(String seriesKey, String instance) {
    return seriesKey + INSTANCE + (instance == null ? "" : instance);
  }

  /** True for a pane key made by {@link #paneKey}, of a cumulative or a delta counter. */
  static boolean isCounterKey(String key) {
    int suffix = key.indexOf(SUFFIX);
    if (suffix < 0) {
      suffix = key.indexOf(DELTA_SUFFIX);
    }
    return suffix >= 0 && key.indexOf(INSTANCE, suffix) >= 0;
  }

  /**
   * Adds to {@code out} one series per counter of {@code stats} (pane keys of one service over one
   * window): the summed increase per minute of its instances. An instance with a single point in
   * the window shows no increase; a series none of whose instances has two points is left out, as
   * its rate is unknown. A counter reset within the window counts as no increase. A delta counter's
   * increase is the sum of its points, known from one point on.
   */
  static void addRates(
      Map<String, MetricStats> stats, double windowMs, Map<String, MetricFeatures> out) {
    Map<String, double[]> bySeries = new TreeMap<>();
    stats.forEach(
        (key, s) -> {
          String series = key.substring(0, key.lastIndexOf(INSTANCE));
          int delta = series.indexOf(DELTA_SUFFIX);
          if (delta >= 0) {
            series =
                series.substring(0, delta)
                    + SUFFIX
                    + series.substring(delta + DELTA_SUFFIX.length());
          }
          double[] sum = bySeries.computeIfAbsent(series, k -> new double[3]);
          if (delta >= 0) {
            if (s.count >= 1) {
              sum[0] += Double.isFinite(s.sum) ? Math.max(0, s.sum) : 0;
              sum[1] = 1;
            }
          } else if (s.count >= 2) {
            double increase = s.last >= s.min ? s.last - s.min : 0;
            sum[0] += Double.isFinite(increase) ? increase : 0;
            sum[1] = 1;
          }
          sum[2] += s.count;
        });
    double units = Math.max(windowMs, 1.0) / RATE_UNIT_MS;
    bySeries.forEach(
        (series, sum) -> {
          if (sum[1] == 0) {
            return;
          }
          MetricFeatures rate = new MetricFeatures();
          rate.last = rate.mean = rate.min = rate.max = sum[0] / units;
          rate.count = (long) sum[2];
          out.put(series, rate);
        });
  }
}
