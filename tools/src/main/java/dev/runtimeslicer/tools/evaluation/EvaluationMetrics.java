package dev.runtimeslicer.tools.evaluation;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.FailureScoring;
import dev.runtimeslicer.training.scoring.RankingScore;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * metrics.json: the scores of our model under flat keys (detection.*, triage.*, localization.*,
 * diagnosis.*) and the same keys for each baseline under baselines.NAME.; a value the method cannot
 * give is null.
 */
public final class EvaluationMetrics {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private EvaluationMetrics() {}

  /** The keys of one method, prefixed. */
  public static Map<String, Object> keys(String prefix, MethodOutcome outcome) {
    Map<String, Object> out = new LinkedHashMap<>();
    DetectionScore d = outcome.detection();
    put(out, prefix + "detection.precision", d.precision());
    put(out, prefix + "detection.recall", d.recall());
    put(out, prefix + "detection.f1", d.f1());
    put(out, prefix + "detection.delay_s_median", d.delaySecondsMedian());
    put(out, prefix + "detection.false_alerts_per_day", d.falseAlertsPerDay());
    out.put(prefix + "detection.faults", d.faults());
    out.put(prefix + "detection.detected_faults", d.detectedFaults());
    out.put(prefix + "detection.alerts", d.alerts());
    out.put(prefix + "detection.false_alerts", d.falseAlerts());
    RankingScore triage = d.triage();
    boolean any = d.detectedFaults() > 0;
    put(out, prefix + "triage.macro_f1", any ? triage.triageMacroF1() : Double.NaN);
    put(out, prefix + "triage.accuracy", any ? triage.triageAccuracy() : Double.NaN);
    put(out, prefix + "localization.top1", any ? triage.top1() : Double.NaN);
    put(out, prefix + "localization.top3", any ? triage.top3() : Double.NaN);
    put(out, prefix + "localization.top5", any ? triage.top5() : Double.NaN);
    RankingScore given = outcome.diagnosis();
    put(
        out,
        prefix + "diagnosis.triage_macro_f1",
        given == null ? Double.NaN : given.triageMacroF1());
    put(out, prefix + "diagnosis.top1", given == null ? Double.NaN : given.top1());
    put(out, prefix + "diagnosis.top3", given == null ? Double.NaN : given.top3());
    put(out, prefix + "diagnosis.top5", given == null ? Double.NaN : given.top5());
    return out;
  }

  /** Our model's keys, then every baseline's, then {@code info} under info.*. */
  public static Map<String, Object> all(
      MethodOutcome model, Iterable<MethodOutcome> baselines, Map<String, Object> info) {
    Map<String, Object> out = new LinkedHashMap<>(keys("", model));
    for (MethodOutcome baseline : baselines) {
      out.putAll(keys("baselines." + baseline.name() + ".", baseline));
    }
    info.forEach((key, value) -> out.put("info." + key, value));
    return out;
  }

  /**
   * Recall and localization of one method on a subset of the test faults (the unseen or the seen
   * types), prefixed; precision and false alerts belong to the whole run and are not repeated.
   *
   * @param assessments the method's window assessments for diagnosis with each fault's window
   *     given, or null when it has none
   */
  public static Map<String, Object> subset(
      String prefix,
      java.util.List<FaultLabel> faults,
      MethodOutcome outcome,
      java.util.List<dev.runtimeslicer.model.task.SliceAssessment> assessments,
      long evaluatedMs) {
    Map<String, Object> out = new LinkedHashMap<>();
    DetectionScore d =
        FailureScoring.detection(
            faults, outcome.alerts(), FailureScoring.DEFAULT_GRACE_MS, evaluatedMs);
    out.put(prefix + "detection.faults", d.faults());
    out.put(prefix + "detection.detected_faults", d.detectedFaults());
    put(out, prefix + "detection.recall", faults.isEmpty() ? Double.NaN : d.recall());
    boolean any = d.detectedFaults() > 0;
    put(out, prefix + "localization.top1", any ? d.triage().top1() : Double.NaN);
    put(out, prefix + "localization.top3", any ? d.triage().top3() : Double.NaN);
    if (assessments != null && !faults.isEmpty()) {
      RankingScore given =
          FailureScoring.diagnosis(AlertScoring.faultWindowDiagnoses(faults, assessments));
      put(out, prefix + "diagnosis.top1", given.top1());
      put(out, prefix + "diagnosis.top3", given.top3());
    }
    return out;
  }

  public static void write(Path file, Map<String, Object> metrics) throws IOException {
    JSON.writeValue(file.toFile(), metrics);
  }

  private static void put(Map<String, Object> out, String key, double value) {
    out.put(key, Double.isFinite(value) ? value : null);
  }
}
