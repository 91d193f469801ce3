package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.AlertLifecycle;
import dev.runtimeslicer.model.alert.AlertTrack;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.FailureScoring;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Replays training windows' scores through the alert lifecycle: what alerts the chosen firing
 * scores would have raised on the training part, scored against its labeled faults for the heads'
 * report. It informs, it does not choose: a threshold picked for the F1 it scores on the training
 * faults learns what those fault types look like and misses the types it never saw.
 */
final class ThresholdReplay {

  /** A training window's score, in time order per system. */
  record ScoredWindow(String system, long startMs, long endMs, double score) {}

  private ThresholdReplay() {}

  /**
   * Detection on the training part at each system's firing score ({@code fireScores}, falling back
   * to {@code defaultFireScore}), for the report.
   */
  static Map<String, Object> report(
      List<ScoredWindow> windows,
      List<FaultLabel> faults,
      java.util.function.ToDoubleFunction<String> fireScores,
      int firingWindows,
      TuningSettings settings) {
    Map<String, Object> report = new LinkedHashMap<>();
    if (windows.isEmpty()) {
      return report;
    }
    Map<String, long[]> spans = new HashMap<>();
    for (ScoredWindow window : windows) {
      spans.merge(
          window.system(),
          new long[] {window.startMs(), window.endMs()},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    long evaluatedMs = 0;
    for (long[] span : spans.values()) {
      evaluatedMs += span[1] - span[0];
    }
    DetectionScore score =
        FailureScoring.detection(
            faults,
            alerts(windows, fireScores, firingWindows, settings),
            FailureScoring.DEFAULT_GRACE_MS,
            evaluatedMs);
    report.put("trainingAlerts", score.alerts());
    report.put("trainingFalseAlertsPerDay", score.falseAlertsPerDay());
    if (!faults.isEmpty()) {
      report.put("trainingFaultsDetected", score.detectedFaults() + " of " + score.faults());
    }
    return report;
  }

  /**
   * Alerts the lifecycle raises on {@code windows} at each system's firing score; detection time is
   * the firing window's end.
   */
  static List<ScoredAlert> alerts(
      List<ScoredWindow> windows,
      java.util.function.ToDoubleFunction<String> fireScores,
      int firingWindows,
      TuningSettings settings) {
    AlertLifecycle lifecycle =
        new AlertLifecycle(firingWindows, settings.resolvingWindows(), settings.resolveScore(), 0);
    Map<String, AlertTrack> tracks = new HashMap<>();
    Map<String, Alert> open = new HashMap<>();
    List<ScoredAlert> out = new ArrayList<>();
    for (ScoredWindow window : windows) {
      SliceAssessment assessment = new SliceAssessment();
      assessment.system = window.system();
      assessment.windowStartMs = window.startMs();
      assessment.windowEndMs = window.endMs();
      assessment.anomalyScore = window.score();
      assessment.anomalous = window.score() >= fireScores.applyAsDouble(window.system());
      assessment.failureType = "";
      // No escalation here (nor raw scores): the threshold is about when alerts first fire.
      for (Alert alert :
          lifecycle.next(
              tracks.computeIfAbsent(window.system(), s -> new AlertTrack()), assessment)) {
        if (Alert.FIRING.equals(alert.status)) {
          open.putIfAbsent(alert.id, alert);
        } else {
          Alert fired = open.remove(alert.id);
          out.add(
              new ScoredAlert(window.system(), fired.windowEndMs, alert.endsAtMs, "", List.of()));
        }
      }
    }
    for (Alert fired : open.values()) {
      out.add(new ScoredAlert(fired.system, fired.windowEndMs, fired.windowEndMs, "", List.of()));
    }
    return out;
  }
}
