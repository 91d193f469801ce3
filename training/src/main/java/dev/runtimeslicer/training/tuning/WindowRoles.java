package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which training windows are normal and which belong to a labeled incident. Without labels every
 * window is taken as normal (the heads learn from a normal period). A window overlapping a fault
 * belongs to it; a window in the recovery margin after a fault is neither, as effects linger.
 * Excluded faults (types held out of an evaluation) make their windows neither normal nor labeled.
 * Past a system's tail cut, normal windows are held back from the normals and calibration, and only
 * scored, for the alert tail ({@link #heldBack}).
 */
final class WindowRoles {

  private final List<FaultLabel> faults;
  private final List<FaultLabel> excluded;
  private final long recoveryMarginMs;
  private final Map<String, Long> tailCuts;

  WindowRoles(List<FaultLabel> faults, List<FaultLabel> excluded, long recoveryMarginMs) {
    this(faults, excluded, recoveryMarginMs, Map.of());
  }

  private WindowRoles(
      List<FaultLabel> faults,
      List<FaultLabel> excluded,
      long recoveryMarginMs,
      Map<String, Long> tailCuts) {
    this.faults = List.copyOf(faults);
    this.excluded = List.copyOf(excluded);
    this.recoveryMarginMs = recoveryMarginMs;
    this.tailCuts = Map.copyOf(tailCuts);
  }

  /**
   * These roles with normal windows from each system's cut on held back (see {@link #heldBack}).
   */
  WindowRoles withTailCuts(Map<String, Long> cuts) {
    return new WindowRoles(faults, excluded, recoveryMarginMs, cuts);
  }

  List<FaultLabel> faults() {
    return faults;
  }

  /**
   * A normal window that normals and calibration learn from: outside every fault, before the tail
   * cut.
   */
  boolean normal(String system, long startMs, long endMs) {
    Long cut = tailCuts.get(system);
    return (cut == null || endMs <= cut) && calm(system, startMs, endMs);
  }

  /** A normal window past its system's tail cut: only scored, to fit the alert tail on. */
  boolean heldBack(String system, long startMs, long endMs) {
    Long cut = tailCuts.get(system);
    return cut != null && startMs >= cut && calm(system, startMs, endMs);
  }

  private boolean calm(String system, long startMs, long endMs) {
    return !overlaps(faults, system, startMs, endMs) && !overlaps(excluded, system, startMs, endMs);
  }

  private boolean overlaps(List<FaultLabel> labels, String system, long startMs, long endMs) {
    for (FaultLabel fault : labels) {
      if (fault.system().equals(system)
          && startMs < fault.endMs() + recoveryMarginMs
          && fault.startMs() < endMs) {
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
