package dev.runtimeslicer.model.alert;

import dev.runtimeslicer.model.task.AlertEvidence;
import dev.runtimeslicer.model.task.HeadAnswer;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.ServiceEdge;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One notification of a system's alert: born when a failure is detected ({@link #FIRING}), sent
 * again when it ends ({@link #RESOLVED}) with the same {@link #id}. A Flink POJO and the JSON
 * written to the alerts topic.
 */
public class Alert {
  public static final String FIRING = "firing";
  public static final String RESOLVED = "resolved";

  /** Stable across the alert's notifications: the system and the start of its first window. */
  public String id;

  public String system;

  /** {@link #FIRING} or {@link #RESOLVED}. */
  public String status;

  /**
   * 0 for the first notification of the alert, then 1, 2, ... (repeats while firing, then
   * resolved).
   */
  public int sequence;

  /** Start of the first anomalous window (epoch ms). */
  public long startsAtMs;

  /** End of the last anomalous window once resolved (epoch ms); 0 while firing. */
  public long endsAtMs;

  /** The window this notification was decided on. */
  public long windowStartMs;

  public long windowEndMs;

  /** Anomaly score in [0, 1] of that window. */
  public double anomalyScore;

  /** Runtime state the window was assigned to. */
  public int state;

  /** True when the window was far from every known state. */
  public boolean novelState;

  /** Most likely failure type, or "unknown" when the triage head is unsure. */
  public String failureType;

  public double failureProbability;

  /**
   * Every task head's answer about the diagnosed window, by head name (see {@code TaskHead}); the
   * triage head's is also {@link #failureType}.
   */
  public Map<String, HeadAnswer> answers = new HashMap<>();

  /** Root-cause candidates, best first (at most three). */
  public List<RootCauseCandidate> rootCauses = new ArrayList<>();

  /** The most deviating features, in plain terms. */
  public List<AlertEvidence> evidence = new ArrayList<>();

  /** Trace ids of failing or slow requests of the window. */
  public List<String> exemplarTraceIds = new ArrayList<>();

  /**
   * The system's service graph at the diagnosed window: callers, callees, call rates, and which
   * edges changed in the incident, changed ones first.
   */
  public List<ServiceEdge> dependencies = new ArrayList<>();

  public Alert() {}

  /**
   * The stable id of the alert of {@code system} whose first window started at {@code startsAtMs}.
   */
  public static String idOf(String system, long startsAtMs) {
    return system + "-" + startsAtMs;
  }
}
