package dev.runtimeslicer.model.format;

/**
 * One labeled fault (ground truth): its system, type, time span [startMs, endMs] and root cause.
 * Root-cause parts the label does not give are empty (null is taken as empty).
 */
public record FaultLabel(
    String system,
    String id,
    String type,
    long startMs,
    long endMs,
    String rootCauseService,
    String rootCauseInstance,
    String rootCauseNode) {

  public FaultLabel {
    rootCauseService = rootCauseService == null ? "" : rootCauseService;
    rootCauseInstance = rootCauseInstance == null ? "" : rootCauseInstance;
    rootCauseNode = rootCauseNode == null ? "" : rootCauseNode;
    if (endMs < startMs) {
      throw new IllegalArgumentException(
          "fault " + id + " ends (" + endMs + ") before it starts (" + startMs + ")");
    }
  }

  /** True when {@code timeMs} lies in [startMs, endMs + graceMs]. */
  public boolean covers(long timeMs, long graceMs) {
    return timeMs >= startMs && timeMs <= endMs + graceMs;
  }
}
