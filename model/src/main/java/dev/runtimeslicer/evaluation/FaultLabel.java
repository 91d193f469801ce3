package dev.runtimeslicer.evaluation;

/**
 * One labeled fault (ground truth): its system, type, time span [startMs, endMs] and root cause.
 * Instance and node are empty when the label does not give them.
 */
public record FaultLabel(String system, String id, String type, long startMs, long endMs, String rootCauseService,
    String rootCauseInstance, String rootCauseNode) {

  public FaultLabel {
    if (endMs < startMs) {
      throw new IllegalArgumentException("fault " + id + " ends (" + endMs + ") before it starts (" + startMs + ")");
    }
  }

  /** True when {@code timeMs} lies in [startMs, endMs + graceMs]. */
  public boolean covers(long timeMs, long graceMs) {
    return timeMs >= startMs && timeMs <= endMs + graceMs;
  }
}
