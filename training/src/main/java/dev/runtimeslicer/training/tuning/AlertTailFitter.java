package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.task.AlertTail;
import dev.runtimeslicer.model.task.AlertTailEstimator;
import java.util.ArrayList;
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
 * resolving windows apart are one alert), and the excursions' peaks above the base give the tail. A
 * pooled tail over all systems serves systems that tuning never saw.
 */
final class AlertTailFitter {

  private static final double MS_PER_DAY = 86_400_000.0;

  /** Per system its tail, the pooled tail, and what was fitted (for the heads' report). */
  record Fitted(Map<String, AlertTail> bySystem, AlertTail pooled, Map<String, Object> report) {}

  private AlertTailFitter() {}

  /**
   * @param normal the normal training windows' scores (any order; windows of other roles left out,
   *     which breaks runs where they were)
   */
  static Fitted fit(
      List<ThresholdReplay.ScoredWindow> normal, int firingWindows, int resolvingWindows) {
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
      AlertTail tail = AlertTailEstimator.fit(segments, days, resolvingWindows);
      if (tail != null) {
        tails.put(system.getKey(), tail);
        report.put(system.getKey(), describe(tail));
      }
      allSegments.addAll(segments);
      allDays += days;
    }
    AlertTail pooled =
        allDays > 0 ? AlertTailEstimator.fit(allSegments, allDays, resolvingWindows) : null;
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
    return slide == Long.MAX_VALUE
        ? Math.max(1, windows.get(0).endMs() - windows.get(0).startMs())
        : slide;
  }

  /**
   * Per stretch of consecutive windows, each window's run level in nines: the lowest score of it
   * and the {@code firingWindows - 1} windows before it (undefined, so left out, for a stretch's
   * first).
   */
  static List<List<Double>> runLevels(
      List<ThresholdReplay.ScoredWindow> windows, long slide, int firingWindows) {
    List<List<Double>> segments = new ArrayList<>();
    List<Double> nines = new ArrayList<>();
    long previous = Long.MIN_VALUE;
    for (ThresholdReplay.ScoredWindow window : windows) {
      if (previous != Long.MIN_VALUE && window.startMs() - previous > slide) {
        segments.add(AlertTailEstimator.levels(nines, firingWindows));
        nines = new ArrayList<>();
      }
      nines.add(AlertTail.nines(window.score()));
      previous = window.startMs();
    }
    if (!nines.isEmpty()) {
      segments.add(AlertTailEstimator.levels(nines, firingWindows));
    }
    segments.removeIf(List::isEmpty);
    return segments;
  }

  private static String describe(AlertTail tail) {
    return String.format(
        Locale.ROOT,
        "base %.2f nines, scale %.2f, %.1f excursions/day over %.2f normal days",
        tail.baseNines(),
        tail.meanExcessNines(),
        tail.peaksPerDay(),
        tail.normalDays());
  }
}
