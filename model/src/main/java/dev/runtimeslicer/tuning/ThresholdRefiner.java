package dev.runtimeslicer.tuning;

import dev.runtimeslicer.alert.Alert;
import dev.runtimeslicer.alert.AlertLifecycle;
import dev.runtimeslicer.alert.AlertTrack;
import dev.runtimeslicer.evaluation.DetectionScore;
import dev.runtimeslicer.evaluation.FailureScoring;
import dev.runtimeslicer.evaluation.FaultLabel;
import dev.runtimeslicer.evaluation.ScoredAlert;
import dev.runtimeslicer.task.SliceAssessment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Refines the firing score and the number of anomalous windows an alert waits for, with labels:
 * replays the training windows' scores through the alert lifecycle for each pair of candidates and
 * scores the alerts against the labeled training faults. Among the pairs whose F1 is within
 * {@link #F1_TOLERANCE} of the best, the one with the fewest false alerts wins (then the shortest
 * delay): equally good detection with fewer false alarms on the days it was fitted on is the safer
 * bet for the days it was not.
 */
final class ThresholdRefiner {

  /** Down to 0.95: on training data the best score was often the lowest of a grid that began at 0.99. */
  static final double[] CANDIDATES = {0.95, 0.97, 0.98, 0.99, 0.995, 0.998, 0.999, 0.9995, 0.9998, 0.9999};
  /**
   * At least three: two consecutive windows share five sixths of their data (W/S = 6), so a second
   * one adds little evidence, and on a short training period two won in-sample and alerted often.
   */
  static final int[] FIRING_WINDOWS = {3, 4, 6};
  /** F1 differences below this, on a few dozen training faults, are noise. */
  static final double F1_TOLERANCE = 0.03;
  /** Fewer labeled faults than this cannot choose a threshold. */
  private static final int MIN_FAULTS = 2;

  /** A training window's score, in time order per system. */
  record ScoredWindow(String system, long startMs, long endMs, double score) {}

  /** The chosen firing score and firing windows (or the defaults) and every candidate's result. */
  record Result(double fireScore, int firingWindows, Map<String, Object> report) {}

  private record Candidate(double fireScore, int firingWindows, DetectionScore score) {}

  private ThresholdRefiner() {}

  static Result refine(List<ScoredWindow> windows, List<FaultLabel> faults, TuningSettings settings) {
    Map<String, Object> report = new LinkedHashMap<>();
    if (faults.size() < MIN_FAULTS || windows.isEmpty()) {
      report.put("refined", false);
      return new Result(settings.fireScore(), settings.firingWindows(), report);
    }
    long evaluatedMs = 0;
    Map<String, long[]> spans = new HashMap<>();
    for (ScoredWindow window : windows) {
      spans.merge(window.system(), new long[] {window.startMs(), window.endMs()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    for (long[] span : spans.values()) {
      evaluatedMs += span[1] - span[0];
    }
    List<Candidate> candidates = new ArrayList<>();
    Map<String, String> results = new LinkedHashMap<>();
    double bestF1 = 0;
    for (int firing : FIRING_WINDOWS) {
      for (double fireScore : CANDIDATES) {
        List<ScoredAlert> alerts = alerts(windows, fireScore, firing, settings);
        DetectionScore score = FailureScoring.detection(faults, alerts, FailureScoring.DEFAULT_GRACE_MS, evaluatedMs);
        candidates.add(new Candidate(fireScore, firing, score));
        results.put(fireScore + "x" + firing, String.format(java.util.Locale.ROOT, "F1 %.3f, false %d",
            score.f1(), score.falseAlerts()));
        bestF1 = Math.max(bestF1, score.f1());
      }
    }
    report.put("byFireScoreAndWindows", results);
    report.put("trainingF1", bestF1);
    // Nothing detected at any candidate: the labels say nothing about the threshold.
    if (bestF1 <= 0) {
      report.put("refined", false);
      return new Result(settings.fireScore(), settings.firingWindows(), report);
    }
    double floor = bestF1 - F1_TOLERANCE;
    Candidate chosen = candidates.stream()
        .filter(c -> c.score().f1() >= floor)
        .min(java.util.Comparator.comparingInt((Candidate c) -> c.score().falseAlerts())
            .thenComparingDouble(c -> Double.isNaN(c.score().delaySecondsMedian()) ? Double.MAX_VALUE : c.score().delaySecondsMedian())
            .thenComparingDouble(c -> -c.fireScore()))
        .orElseThrow();
    report.put("refined", true);
    report.put("chosen", chosen.fireScore() + "x" + chosen.firingWindows());
    return new Result(chosen.fireScore(), chosen.firingWindows(), report);
  }

  /** Alerts the lifecycle raises on {@code windows} at {@code fireScore}; detection time is the firing window's end. */
  static List<ScoredAlert> alerts(List<ScoredWindow> windows, double fireScore, int firingWindows, TuningSettings settings) {
    AlertLifecycle lifecycle = new AlertLifecycle(firingWindows, settings.resolvingWindows(),
        Math.min(settings.resolveScore(), fireScore), 0);
    Map<String, AlertTrack> tracks = new HashMap<>();
    Map<String, Alert> open = new HashMap<>();
    List<ScoredAlert> out = new ArrayList<>();
    for (ScoredWindow window : windows) {
      SliceAssessment assessment = new SliceAssessment();
      assessment.system = window.system();
      assessment.windowStartMs = window.startMs();
      assessment.windowEndMs = window.endMs();
      assessment.anomalyScore = window.score();
      assessment.anomalous = window.score() >= fireScore;
      assessment.failureType = "";
      // No escalation here (nor raw scores): the threshold is about when alerts first fire.
      for (Alert alert : lifecycle.next(tracks.computeIfAbsent(window.system(), s -> new AlertTrack()), assessment)) {
        if (Alert.FIRING.equals(alert.status)) {
          open.putIfAbsent(alert.id, alert);
        } else {
          Alert fired = open.remove(alert.id);
          out.add(new ScoredAlert(window.system(), fired.windowEndMs, alert.endsAtMs, "", List.of()));
        }
      }
    }
    for (Alert fired : open.values()) {
      out.add(new ScoredAlert(fired.system, fired.windowEndMs, fired.windowEndMs, "", List.of()));
    }
    return out;
  }
}
