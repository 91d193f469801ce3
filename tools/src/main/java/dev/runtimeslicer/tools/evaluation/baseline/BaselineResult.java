package dev.runtimeslicer.tools.evaluation.baseline;

import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.List;

/**
 * A baseline's answer on one system's test windows: its score of every window (in time order), the
 * threshold those scores were compared with, and the alerts, ready for {@link
 * dev.runtimeslicer.training.scoring.FailureScoring#detection}.
 */
public record BaselineResult(
    String system, double threshold, List<WindowScore> scores, List<ScoredAlert> alerts) {

  public BaselineResult {
    scores = List.copyOf(scores);
    alerts = List.copyOf(alerts);
  }
}
