package dev.runtimeslicer.tuning;

import dev.runtimeslicer.task.AlertTail;
import dev.runtimeslicer.task.RobustScale;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits every system's {@link AlertTail} from the scores of its normal training windows, without
 * labels: the windows are replayed in time order as the alert lifecycle reads them (a window fires
 * when it and the {@code firingWindows - 1} before it all score high, so a run's level is its
 * lowest score), runs above a base level are declustered into excursions (runs less than the
 * resolving windows apart are one alert), and the excursions' peaks above the base give the tail.
 * A pooled tail over all systems serves systems that tuning never saw.
 */
final class AlertTailFitter {

  /** Excursions wanted above the base level: enough for a steady scale, few enough to be a tail. */
  static final int TARGET_PEAKS = 20;
  /** Base levels tried, as quantiles of the run levels, highest first. */
  private static final double[] BASE_QUANTILES = {0.999, 0.998, 0.995, 0.99, 0.98, 0.95, 0.9, 0.8, 0.5};
  /** Smallest excess scale: a flat tail must not make every higher score equally likely. */
  static final double MIN_EXCESS_NINES = 0.1;
  private static final double MS_PER_DAY = 86_400_000.0;

  /** Per system its tail, the pooled tail, and what was fitted (for the heads' report). */
  record Fitted(Map<String, AlertTail> bySystem, AlertTail pooled, Map<String, Object> report) {}

  private AlertTailFitter() {}

  /**
   * @param normal the normal training windows' scores (any order; windows of other roles left out,
   *     which breaks runs where they were)
   */
  static Fitted fit(List<ThresholdReplay.ScoredWindow> normal, int firingWindows, int resolvingWindows) {
    Map<String, List<ThresholdReplay.ScoredWindow>> bySystem = new TreeMap<>();
    for (ThresholdReplay.ScoredWindow window : normal) {
      bySystem.computeIfAbsent(window.system(), s -> new ArrayList<>()).add(window);
    }
    Map<String, AlertTail> tails = new LinkedHashMap<>();
    Map<String, Object> report = new LinkedHashMap<>();
    List<List<Double>> allSegments = new ArrayList<>();
    double allDays = 0;
    for (Map.Entry<String, List<ThresholdReplay.ScoredWindow>> system : bySystem.entrySet()) {
      List<ThresholdReplay.ScoredWindow> windows = new ArrayList<>(system.getValue());
      windows.sort(Comparator.comparingLong(ThresholdReplay.ScoredWindow::startMs));
      long slide = slide(windows);
      List<List<Double>> segments = runLevels(windows, slide, firingWindows);
      double days = windows.size() * (double) slide / MS_PER_DAY;
      AlertTail tail = fitTail(segments, days, resolvingWindows);
      if (tail != null) {
        tails.put(system.getKey(), tail);
        report.put(system.getKey(), describe(tail));
      }
      allSegments.addAll(segments);
      allDays += days;
    }
    AlertTail pooled = allDays > 0 ? fitTail(allSegments, allDays, resolvingWindows) : null;
    if (pooled != null) {
      report.put("pooled", describe(pooled));
    }
    return new Fitted(tails, pooled, report);
  }

  /** The smallest step between window starts: the data's slide. */
  private static long slide(List<ThresholdReplay.ScoredWindow> windows) {
    long slide = Long.MAX_VALUE;
    for (int i = 1; i < windows.size(); i++) {
      long step = windows.get(i).startMs() - windows.get(i - 1).startMs();
      if (step > 0) {
        slide = Math.min(slide, step);
      }
    }
    return slide == Long.MAX_VALUE ? Math.max(1, windows.get(0).endMs() - windows.get(0).startMs()) : slide;
  }

  /**
   * Per stretch of consecutive windows, each window's run level in nines: the lowest score of it and
   * the {@code firingWindows - 1} windows before it (undefined, so left out, for a stretch's first).
   */
  static List<List<Double>> runLevels(List<ThresholdReplay.ScoredWindow> windows, long slide, int firingWindows) {
    List<List<Double>> segments = new ArrayList<>();
    List<Double> nines = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (ThresholdReplay.ScoredWindow window : windows) {
      if (previous != Long.MIN_VALUE && window.startMs() - previous > slide) {
        segments.add(levels(nines, firingWindows));
        nines = new ArrayList<>();
      }
      nines.add(AlertTail.nines(window.score()));
      previous = window.startMs();
    }
    if (!nines.isEmpty()) {
      segments.add(levels(nines, firingWindows));
    }
    segments.removeIf(List::isEmpty);
    return segments;
  }

  private static List<Double> levels(List<Double> nines, int firingWindows) {
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

  /** The tail at the highest base level with {@link #TARGET_PEAKS} excursions above it (or the lowest tried). */
  static AlertTail fitTail(List<List<Double>> segments, double days, int resolvingWindows) {
    double[] all = segments.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).sorted().toArray();
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
    }
    return new AlertTail(Math.min(AlertTail.MAX_NINES, Math.max(0, base)), scale, peaks.size() / days, days);
  }

  /**
   * The peaks of the excursions above {@code level}: runs of levels above it, where runs less than
   * {@code resolvingWindows} apart are one excursion (the lifecycle would not have resolved between them).
   */
  static List<Double> peaks(List<List<Double>> segments, double level, int resolvingWindows) {
    List<Double> peaks = new ArrayList<>();
    for (List<Double> segment : segments) {
      double peak = Double.NaN;
      int below = 0;
      for (double value : segment) {
        if (value > level) {
          peak = Double.isNaN(peak) ? value : Math.max(peak, value);
          below = 0;
        } else if (!Double.isNaN(peak) && ++below >= resolvingWindows) {
          peaks.add(peak);
          peak = Double.NaN;
        }
      }
      if (!Double.isNaN(peak)) {
        peaks.add(peak);
      }
    }
    return peaks;
  }

  private static String describe(AlertTail tail) {
    return String.format(Locale.ROOT, "base %.2f nines, scale %.2f, %.1f excursions/day over %.2f normal days",
        tail.baseNines(), tail.meanExcessNines(), tail.peaksPerDay(), tail.normalDays());
  }
}
