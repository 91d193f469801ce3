package dev.runtimeslicer.training.scoring;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scoring rules of the evaluation (docs/evaluation.md):
 *
 * <ul>
 *   <li>A fault is detected when an alert of its system fires (starts) in [start, end + grace].
 *   <li>An alert is false when its span [startsAt, endsAt] meets no fault's [start, end + grace] of
 *       its system. Precision counts alerts, recall counts faults.
 *   <li>Delay: from a fault's start to its first alert. False alerts per day: over the evaluated
 *       time.
 *   <li>Triage and localization: on each detected fault's first alert (or, for diagnosis with the
 *       fault's window given, on the method's answer for each fault). Macro-F1 averages the
 *       per-type F1 over the fault types present in the labels; a prediction of another type,
 *       including "unknown", counts against precision of that type and recall of the true one.
 *       Localization counts faults whose label names a service.
 * </ul>
 */
public final class FailureScoring {

  /**
   * Default grace after a fault's end within which an alert still detects it: one default window,
   * as a window that ends after the fault still holds some of it.
   */
  public static final long DEFAULT_GRACE_MS = 60_000;

  private static final double MS_PER_DAY = 86_400_000.0;
  private static final double MS_PER_SECOND = 1_000.0;
  private static final int[] TOP_K = {1, 3, 5};

  private FailureScoring() {}

  /** Detection, triage and localization of {@code alerts} against {@code faults}. */
  public static DetectionScore detection(
      List<FaultLabel> faults, List<ScoredAlert> alerts, long graceMs, long evaluatedMs) {
    List<ScoredAlert> ordered = new ArrayList<>(alerts);
    ordered.sort(Comparator.comparingLong(ScoredAlert::firedAtMs));
    Map<String, ScoredAlert> firstAlerts = new HashMap<>();
    List<Long> delaysMs = new ArrayList<>();
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (FaultLabel fault : faults) {
      for (ScoredAlert alert : ordered) {
        if (alert.system().equals(fault.system()) && fault.covers(alert.firedAtMs(), graceMs)) {
          firstAlerts.put(fault.id(), alert);
          delaysMs.add(alert.firedAtMs() - fault.startMs());
          diagnoses.add(new Diagnosis(fault, alert.failureType(), alert.rankedServices()));
          break;
        }
      }
    }
    int falseAlerts = 0;
    for (ScoredAlert alert : ordered) {
      boolean meetsFault =
          faults.stream()
              .anyMatch(
                  fault ->
                      fault.system().equals(alert.system())
                          && alert.firedAtMs() <= fault.endMs() + graceMs
                          && Math.max(alert.endsAtMs(), alert.firedAtMs()) >= fault.startMs());
      if (!meetsFault) {
        falseAlerts++;
      }
    }
    double precision =
        ordered.isEmpty() ? 0.0 : (ordered.size() - falseAlerts) / (double) ordered.size();
    double recall = faults.isEmpty() ? 0.0 : firstAlerts.size() / (double) faults.size();
    double f1 = precision + recall == 0 ? 0.0 : 2 * precision * recall / (precision + recall);
    double falsePerDay = evaluatedMs <= 0 ? 0.0 : falseAlerts / (evaluatedMs / MS_PER_DAY);
    return new DetectionScore(
        precision,
        recall,
        f1,
        medianMs(delaysMs) / MS_PER_SECOND,
        falsePerDay,
        faults.size(),
        firstAlerts.size(),
        ordered.size(),
        falseAlerts,
        diagnosis(diagnoses),
        firstAlerts);
  }

  /** Triage and localization of one answer per fault. */
  public static RankingScore diagnosis(List<Diagnosis> diagnoses) {
    Set<String> types = new LinkedHashSet<>();
    diagnoses.forEach(d -> types.add(d.fault().type()));
    double f1Sum = 0;
    for (String type : types) {
      int truePositives = 0;
      int predicted = 0;
      int actual = 0;
      for (Diagnosis d : diagnoses) {
        boolean isType = d.fault().type().equals(type);
        boolean saidType = type.equals(d.predictedType());
        actual += isType ? 1 : 0;
        predicted += saidType ? 1 : 0;
        truePositives += isType && saidType ? 1 : 0;
      }
      double precision = predicted == 0 ? 0 : truePositives / (double) predicted;
      double recall = actual == 0 ? 0 : truePositives / (double) actual;
      f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
    long correct =
        diagnoses.stream().filter(d -> d.fault().type().equals(d.predictedType())).count();
    List<Diagnosis> localizable =
        diagnoses.stream().filter(d -> !d.fault().rootCauseService().isEmpty()).toList();
    double[] topK = new double[TOP_K.length];
    for (int k = 0; k < TOP_K.length; k++) {
      int limit = TOP_K[k];
      long hits = localizable.stream().filter(d -> rankOf(d) < limit).count();
      topK[k] = localizable.isEmpty() ? 0.0 : hits / (double) localizable.size();
    }
    return new RankingScore(
        diagnoses.size(),
        types.isEmpty() ? 0.0 : f1Sum / types.size(),
        diagnoses.isEmpty() ? 0.0 : correct / (double) diagnoses.size(),
        topK[0],
        topK[1],
        topK[2]);
  }

  /** Zero-based rank of the true root-cause service, or MAX_VALUE when it is not ranked. */
  private static int rankOf(Diagnosis diagnosis) {
    int rank = diagnosis.rankedServices().indexOf(diagnosis.fault().rootCauseService());
    return rank < 0 ? Integer.MAX_VALUE : rank;
  }

  private static double medianMs(List<Long> values) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(values);
    sorted.sort(Long::compare);
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2.0;
  }
}
