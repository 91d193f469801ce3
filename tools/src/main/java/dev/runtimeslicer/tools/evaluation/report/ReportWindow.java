package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.List;

/**
 * One evaluated window [windowStartMs, windowEndMs) of a system as the report shows it: the runtime
 * state it was assigned to and its embedding projected to 2-D ({@code x}, {@code y}; NaN when not
 * projected, then it is left out of the projection plots).
 */
public record ReportWindow(
    String system, long windowStartMs, long windowEndMs, String runtimeState, double x, double y) {

  /** The label used for windows that overlap no labeled fault. */
  public static final String NORMAL = "normal";

  public ReportWindow {
    if (system == null || runtimeState == null) {
      throw new IllegalArgumentException("a report window needs a system and a runtime state");
    }
  }

  /** True when the window has a 2-D projection. */
  public boolean projected() {
    return Double.isFinite(x) && Double.isFinite(y);
  }

  /**
   * The type of the first fault of this window's system whose [start, end] the window overlaps, or
   * {@link #NORMAL}.
   */
  public String faultType(List<FaultLabel> faults) {
    for (FaultLabel fault : faults) {
      if (fault.system().equals(system)
          && windowStartMs <= fault.endMs()
          && windowEndMs > fault.startMs()) {
        return fault.type();
      }
    }
    return NORMAL;
  }
}
