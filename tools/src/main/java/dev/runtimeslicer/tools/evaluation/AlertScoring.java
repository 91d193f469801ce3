package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.TriageHead;
import dev.runtimeslicer.training.scoring.Diagnosis;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the detect job's outputs into what the scoring rules read. An alert is detected when it
 * fires, at the end of the window it fired on (not the start of its first anomalous window, which
 * may precede the fault); it ends with its resolved notification (or its last window when the data
 * ended first). Its ranked services are the full ranking of its firing window, so top-5 counts.
 */
public final class AlertScoring {

  private AlertScoring() {}

  /** One scored alert per alert id, from all notifications. */
  public static List<ScoredAlert> scoredAlerts(
      List<Alert> notifications, List<SliceAssessment> assessments) {
    Map<String, SliceAssessment> byWindow = new HashMap<>();
    for (SliceAssessment a : assessments) {
      byWindow.put(a.system + "@" + a.windowStartMs, a);
    }
    Map<String, List<Alert>> byId = new LinkedHashMap<>();
    for (Alert alert : notifications) {
      byId.computeIfAbsent(alert.id, id -> new ArrayList<>()).add(alert);
    }
    List<ScoredAlert> out = new ArrayList<>();
    for (List<Alert> alerts : byId.values()) {
      alerts.sort(Comparator.comparingInt(a -> a.sequence));
      Alert first = alerts.get(0);
      Alert last = alerts.get(alerts.size() - 1);
      long fired = first.windowEndMs;
      long ended =
          Alert.RESOLVED.equals(last.status) ? Math.max(last.endsAtMs, fired) : last.windowEndMs;
      SliceAssessment window = byWindow.get(first.system + "@" + first.windowStartMs);
      List<RootCauseCandidate> ranking = window != null ? window.rootCauses : first.rootCauses;
      out.add(new ScoredAlert(first.system, fired, ended, first.failureType, names(ranking)));
    }
    out.sort(Comparator.comparingLong(ScoredAlert::firedAtMs));
    return out;
  }

  /**
   * The answer for each fault with its window given (independent of detection): the diagnosis of
   * the complete window overlapping the fault that deviates most on its own (its unsmoothed raw
   * score; the smoothed score peaks late, up to a smoothing span after the failure shows most); a
   * fault without windows gets none.
   */
  public static List<Diagnosis> faultWindowDiagnoses(
      List<FaultLabel> faults, List<SliceAssessment> assessments) {
    List<Diagnosis> out = new ArrayList<>();
    for (FaultLabel fault : faults) {
      SliceAssessment best = null;
      for (SliceAssessment a : assessments) {
        if (!a.partial
            && a.system.equals(fault.system())
            && a.windowStartMs < fault.endMs()
            && fault.startMs() < a.windowEndMs
            && (best == null || a.windowRawScore > best.windowRawScore)) {
          best = a;
        }
      }
      out.add(
          best == null
              ? new Diagnosis(fault, TriageHead.UNKNOWN, List.of())
              : new Diagnosis(fault, best.failureType, names(best.rootCauses)));
    }
    return out;
  }

  /** Every window's score, for the report's timeline. */
  public static List<WindowScore> windowScores(List<SliceAssessment> assessments) {
    List<WindowScore> out = new ArrayList<>(assessments.size());
    for (SliceAssessment a : assessments) {
      out.add(new WindowScore(a.system, a.windowStartMs, a.windowEndMs, a.anomalyScore));
    }
    out.sort(
        Comparator.comparing(WindowScore::system).thenComparingLong(WindowScore::windowStartMs));
    return out;
  }

  private static List<String> names(List<RootCauseCandidate> ranking) {
    List<String> names = new ArrayList<>(ranking.size());
    for (RootCauseCandidate candidate : ranking) {
      names.add(candidate.service);
    }
    return names;
  }
}
