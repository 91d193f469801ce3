package dev.runtimeslicer.training;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Which windows overlap a labeled fault of their system (ground truth from labels.jsonl files). */
public record FaultWindows(List<FaultLabel> faults) {

  public FaultWindows {
    faults = List.copyOf(faults);
  }

  /** The faults of all {@code files}, read as docs/formats.md describes. */
  public static FaultWindows read(List<Path> files) {
    List<FaultLabel> faults = new ArrayList<>();
    for (Path file : files) {
      faults.addAll(FaultLabelJson.read(file));
    }
    return new FaultWindows(faults);
  }

  /** Whether the window overlaps a fault of its system. */
  public boolean faulty(Window window) {
    for (FaultLabel fault : faults) {
      if (fault.system().equals(window.system())
          && window.startMs() < fault.endMs()
          && fault.startMs() < window.endMs()) {
        return true;
      }
    }
    return false;
  }

  /** Type of the first fault of its system the window overlaps; null when none. */
  public String type(Window window) {
    for (FaultLabel fault : faults) {
      if (fault.system().equals(window.system())
          && window.startMs() < fault.endMs()
          && fault.startMs() < window.endMs()) {
        return fault.type();
      }
    }
    return null;
  }

  /**
   * Root-cause service of the first fault of its system the window overlaps; null when none or not
   * given.
   */
  public String rootCause(Window window) {
    for (FaultLabel fault : faults) {
      if (fault.system().equals(window.system())
          && window.startMs() < fault.endMs()
          && fault.startMs() < window.endMs()) {
        String service = fault.rootCauseService();
        return service == null || service.isEmpty() ? null : service;
      }
    }
    return null;
  }
}
