package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.RankingScore;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.List;

/**
 * What one method (our model or a baseline) achieved on the test part.
 *
 * @param name as in metrics.json ("runtimeslicer", or the baseline's name)
 * @param detection alerts scored against the test faults
 * @param diagnosis triage and localization with each fault's window given; null when the method
 *     cannot answer for a given window
 * @param scores every test window's score
 * @param alerts the scored alerts
 * @param threshold the score at which a window is anomalous
 */
public record MethodOutcome(
    String name,
    DetectionScore detection,
    RankingScore diagnosis,
    List<WindowScore> scores,
    List<ScoredAlert> alerts,
    double threshold) {}
