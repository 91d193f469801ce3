package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.ServiceEdge;
import dev.runtimeslicer.training.scoring.Diagnosis;
import java.util.List;
import java.util.Map;

/**
 * Everything report.html shows of one evaluation.
 *
 * @param title page heading
 * @param description one line under it: data, split, model (plain text)
 * @param windows the evaluated windows of every system: runtime state and 2-D projection
 * @param faults the labeled faults of the evaluated time
 * @param tracks per method and system, the timeline's score line, threshold and alerts, in drawing
 *     order (RuntimeSlicer first); the runtime-state band comes from {@code windows}
 * @param diagnoses RuntimeSlicer's answer for each detected fault (see {@link
 *     FirstAlertDiagnoses}): the triage confusion matrix and the localization table
 * @param methods rows of the methods table in display order: RuntimeSlicer first, then the
 *     baselines
 * @param graphs per detected fault's id, the service graph its first alert carried (empty when none
 *     did)
 */
public record EvaluationReportData(
    String title,
    String description,
    List<ReportWindow> windows,
    List<FaultLabel> faults,
    List<ScoreTrack> tracks,
    List<Diagnosis> diagnoses,
    List<MethodResult> methods,
    Map<String, List<ServiceEdge>> graphs) {

  /** A report without service graphs. */
  public EvaluationReportData(
      String title,
      String description,
      List<ReportWindow> windows,
      List<FaultLabel> faults,
      List<ScoreTrack> tracks,
      List<Diagnosis> diagnoses,
      List<MethodResult> methods) {
    this(title, description, windows, faults, tracks, diagnoses, methods, Map.of());
  }

  public EvaluationReportData {
    graphs = Map.copyOf(graphs);
    windows = List.copyOf(windows);
    faults = List.copyOf(faults);
    tracks = List.copyOf(tracks);
    diagnoses = List.copyOf(diagnoses);
    methods = List.copyOf(methods);
  }
}
