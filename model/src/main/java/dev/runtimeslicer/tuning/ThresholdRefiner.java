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
import java.util.Optional;

/**
 * Refines the firing score with labels: replays the training windows' scores through the alert
 * lifecycle for a few firing scores and keeps the one with the best detection F1 on the labeled
 * training faults (the higher score on ties, as it raises fewer false alerts on unseen days).
 */
final class ThresholdRefiner {

  static final double[] CANDIDATES = {0.99, 0.995, 0.998, 0.999, 0.9995, 0.9998, 0.9999};
  /** Fewer labeled faults than this cannot choose a threshold. */
  private static final int MIN_FAULTS = 2;

  /** A training window's score, in time order per system. */
  record ScoredWindow(String system, long startMs, long endMs, double score) {}

  /** The chosen firing score (or the default) and every candidate's F1. */
  record Result(double fireScore, Map<String, Object> report) {}

  private ThresholdRefiner() {}

  static Result refine(List<ScoredWindow> windows, List<FaultLabel> faults, TuningSettings settings) {
    Map<String, Object> report = new LinkedHashMap<>();
    if (faults.size() < MIN_FAULTS || windows.isEmpty()) {
      report.put("refined", false);
      return new Result(settings.fireScore(), report);
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
    double best = settings.fireScore();
    double bestF1 = -1;
    Map<String, Double> f1s = new LinkedHashMap<>();
    for (double candidate : CANDIDATES) {
      List<ScoredAlert> alerts = alerts(windows, candidate, settings);
      DetectionScore score = FailureScoring.detection(faults, alerts, FailureScoring.DEFAULT_GRACE_MS, evaluatedMs);
      f1s.put(Double.toString(candidate), score.f1());
      if (score.f1() >= bestF1) {
        bestF1 = score.f1();
        best = candidate;
      }
    }
    report.put("f1ByFireScore", f1s);
    report.put("trainingF1", bestF1);
    // Nothing detected at any candidate: the labels say nothing about the threshold.
    boolean informative = bestF1 > 0;
    report.put("refined", informative);
    return new Result(informative ? best : settings.fireScore(), report);
  }

  /** Alerts the lifecycle raises on {@code windows} at {@code fireScore}; detection time is the firing window's end. */
  static List<ScoredAlert> alerts(List<ScoredWindow> windows, double fireScore, TuningSettings settings) {
    AlertLifecycle lifecycle = new AlertLifecycle(settings.firingWindows(), settings.resolvingWindows(),
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
      Optional<Alert> alert = lifecycle.next(tracks.computeIfAbsent(window.system(), s -> new AlertTrack()), assessment);
      if (alert.isEmpty()) {
        continue;
      }
      if (Alert.FIRING.equals(alert.get().status)) {
        open.putIfAbsent(alert.get().id, alert.get());
      } else {
        Alert fired = open.remove(alert.get().id);
        out.add(new ScoredAlert(window.system(), fired.windowEndMs, alert.get().endsAtMs, "", List.of()));
      }
    }
    for (Alert fired : open.values()) {
      out.add(new ScoredAlert(fired.system, fired.windowEndMs, fired.windowEndMs, "", List.of()));
    }
    return out;
  }
}
