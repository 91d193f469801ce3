package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.List;

/**
 * One method's line on one system's timeline: its window scores, its threshold (on the scores'
 * scale; NaN when it has none) and its alerts.
 */
public record ScoreTrack(
    String method,
    String system,
    double threshold,
    List<WindowScore> scores,
    List<ScoredAlert> alerts) {

  public ScoreTrack {
    scores = List.copyOf(scores);
    alerts = List.copyOf(alerts);
    for (WindowScore score : scores) {
      if (!score.system().equals(system)) {
        throw new IllegalArgumentException(
            "track " + method + " of " + system + " holds a score of " + score.system());
      }
    }
    for (ScoredAlert alert : alerts) {
      if (!alert.system().equals(system)) {
        throw new IllegalArgumentException(
            "track " + method + " of " + system + " holds an alert of " + alert.system());
      }
    }
  }

  /**
   * The track of {@code system}, taking its own scores and alerts out of ones of several systems.
   */
  public static ScoreTrack forSystem(
      String method,
      String system,
      double threshold,
      List<WindowScore> scores,
      List<ScoredAlert> alerts) {
    return new ScoreTrack(
        method,
        system,
        threshold,
        scores.stream().filter(s -> s.system().equals(system)).toList(),
        alerts.stream().filter(a -> a.system().equals(system)).toList());
  }
}
