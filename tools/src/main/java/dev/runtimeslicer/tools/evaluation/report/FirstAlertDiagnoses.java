package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.Diagnosis;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.util.ArrayList;
import java.util.List;

/** The answer of each detected fault's first alert, as FailureScoring scored it. */
public final class FirstAlertDiagnoses {

  private FirstAlertDiagnoses() {}

  /**
   * One diagnosis per fault of {@code faults} that {@code score} detected, in the order of {@code
   * faults}.
   */
  public static List<Diagnosis> of(List<FaultLabel> faults, DetectionScore score) {
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (FaultLabel fault : faults) {
      ScoredAlert alert = score.firstAlerts().get(fault.id());
      if (alert != null) {
        diagnoses.add(new Diagnosis(fault, alert.failureType(), alert.rankedServices()));
      }
    }
    return diagnoses;
  }
}
