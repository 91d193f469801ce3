package dev.runtimeslicer.evaluation.baseline;

import dev.runtimeslicer.evaluation.ScoredAlert;
import dev.runtimeslicer.evaluation.WindowScore;
import java.util.List;

/**
 * A baseline's answer on one system's test windows: its score of every window (in time order),
 * the threshold those scores were compared with, and the alerts, ready for
 * {@link dev.runtimeslicer.evaluation.FailureScoring#detection}.
 */
public record BaselineResult(String system, double threshold, List<WindowScore> scores, List<ScoredAlert> alerts) {

  public BaselineResult {
    scores = List.copyOf(scores);
    alerts = List.copyOf(alerts);
  }
}
