package dev.runtimeslicer.tuning;

import dev.runtimeslicer.evaluation.FaultLabel;
import java.util.ArrayList;
import java.util.List;

/**
 * Which training windows are normal and which belong to a labeled incident. Without labels every
 * window is taken as normal (the heads learn from a normal period). A window overlapping a fault
 * belongs to it; a window in the recovery margin after a fault is neither, as effects linger.
 * Excluded faults (types held out of an evaluation) make their windows neither normal nor labeled.
 */
final class WindowRoles {

  private final List<FaultLabel> faults;
  private final List<FaultLabel> excluded;
  private final long recoveryMarginMs;

  WindowRoles(List<FaultLabel> faults, List<FaultLabel> excluded, long recoveryMarginMs) {
    this.faults = List.copyOf(faults);
    this.excluded = List.copyOf(excluded);
    this.recoveryMarginMs = recoveryMarginMs;
  }

  List<FaultLabel> faults() {
    return faults;
  }

  boolean normal(String system, long startMs, long endMs) {
    return !overlaps(faults, system, startMs, endMs) && !overlaps(excluded, system, startMs, endMs);
  }

  private boolean overlaps(List<FaultLabel> labels, String system, long startMs, long endMs) {
    for (FaultLabel fault : labels) {
      if (fault.system().equals(system) && startMs < fault.endMs() + recoveryMarginMs && fault.startMs() < endMs) {
        return true;
      }
    }
    return false;
  }

  /** Faults the window overlaps (usually none or one). */
  List<FaultLabel> incidents(String system, long startMs, long endMs) {
    List<FaultLabel> out = new ArrayList<>();
    for (FaultLabel fault : faults) {
      if (fault.system().equals(system) && startMs < fault.endMs() && fault.startMs() < endMs) {
        out.add(fault);
      }
    }
    return out;
  }
}
