package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.RankingScore;

/**
 * One row of the methods table: detection, triage and localization figures of one method. NaN marks
 * a figure the method does not have; the report shows it as "–".
 */
public record MethodResult(
    String method,
    double precision,
    double recall,
    double f1,
    double medianDelaySeconds,
    double falseAlertsPerDay,
    double triageMacroF1,
    double triageAccuracy,
    double top1,
    double top3,
    double top5) {

  /** All figures of {@code score}; triage and localization are NaN when no fault was detected. */
  public static MethodResult of(String method, DetectionScore score) {
    RankingScore triage = score.triage();
    boolean diagnosed = triage.faults() > 0;
    return new MethodResult(
        method,
        score.precision(),
        score.recall(),
        score.f1(),
        score.delaySecondsMedian(),
        score.falseAlertsPerDay(),
        diagnosed ? triage.triageMacroF1() : Double.NaN,
        diagnosed ? triage.triageAccuracy() : Double.NaN,
        diagnosed ? triage.top1() : Double.NaN,
        diagnosed ? triage.top3() : Double.NaN,
        diagnosed ? triage.top5() : Double.NaN);
  }

  /**
   * The detection figures of {@code score} only, for a method that neither triages nor localizes.
   */
  public static MethodResult detectionOnly(String method, DetectionScore score) {
    return new MethodResult(
        method,
        score.precision(),
        score.recall(),
        score.f1(),
        score.delaySecondsMedian(),
        score.falseAlertsPerDay(),
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }
}
