package dev.runtimeslicer.model.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the task heads make of one slice: its runtime state, anomaly score and decision, and the
 * diagnosis (failure type, ranked root-cause candidates, evidence) that an alert would carry. A
 * Flink POJO: born in the assessment operator, consumed by the alert lifecycle.
 */
public class SliceAssessment {
  public String system;
  public long windowStartMs;
  public long windowEndMs;

  /** The slice reaches outside the system's data (see RuntimeSlice#partial); never alerts. */
  public boolean partial;

  public int state;
  public double stateDistance;
  public boolean novelState;

  /**
   * The raw deviation behind the score, for inspection: the largest service score, each service's
   * averaged over the policy's smoothing span (units of the normal 99th percentiles, see
   * DetectionMix).
   */
  public double rawScore;

  /**
   * The window's own raw deviation, unsmoothed: how much its own data deviates. Alerts and the
   * evaluation read the diagnosis of the window deviating most by this measure.
   */
  public double windowRawScore;

  /** In [0, 1]: the share of normal windows of the state that deviate less. */
  public double anomalyScore;

  /** Score at which this window's state fires. */
  public double fireScore;

  public boolean anomalous;

  /** The triage head's answer ({@link TriageHead#UNKNOWN} without one): an alert's headline. */
  public String failureType;

  public double failureProbability;

  /**
   * Every {@link TaskHead}'s answer about the window, by head name (the triage head's too); empty
   * for windows that were not diagnosed.
   */
  public Map<String, HeadAnswer> answers = new HashMap<>();

  /**
   * Ranked suspects, best first (at most {@link FailureAnalyzer#RANKED}); like the failure type and
   * the exemplars, left empty for calm windows by an analyzer that diagnoses anomalous windows
   * only.
   */
  public List<RootCauseCandidate> rootCauses = new ArrayList<>();

  /** Filled for anomalous windows only. */
  public List<AlertEvidence> evidence = new ArrayList<>();

  public List<String> exemplarTraceIds = new ArrayList<>();

  /**
   * The system's service graph at the window, changed edges first ({@link ServiceGraph#exported});
   * filled for anomalous windows only.
   */
  public List<ServiceEdge> dependencies = new ArrayList<>();

  /** Services of the slice the heads had no normal for (new services): they are not ranked. */
  public int unknownServices;

  public SliceAssessment() {}

  /**
   * A copy of this assessment with other root causes (lists copied, so neither changes the other).
   */
  public SliceAssessment withRootCauses(List<RootCauseCandidate> ranked) {
    SliceAssessment copy = new SliceAssessment();
    copy.system = system;
    copy.windowStartMs = windowStartMs;
    copy.windowEndMs = windowEndMs;
    copy.partial = partial;
    copy.state = state;
    copy.stateDistance = stateDistance;
    copy.novelState = novelState;
    copy.rawScore = rawScore;
    copy.windowRawScore = windowRawScore;
    copy.anomalyScore = anomalyScore;
    copy.fireScore = fireScore;
    copy.anomalous = anomalous;
    copy.failureType = failureType;
    copy.failureProbability = failureProbability;
    copy.answers = new HashMap<>(answers);
    copy.rootCauses = new ArrayList<>(ranked);
    copy.evidence = new ArrayList<>(evidence);
    copy.exemplarTraceIds = new ArrayList<>(exemplarTraceIds);
    copy.dependencies = new ArrayList<>(dependencies);
    copy.unknownServices = unknownServices;
    return copy;
  }
}
