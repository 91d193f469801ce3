package dev.runtimeslicer.training;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits windows per system by time, never shuffled: the earliest part of each system trains, the
 * latest is held out, so held-out windows never overlap training windows except at the boundary.
 */
public record TimeSplit(List<Window> earlier, List<Window> later) {

  /** Windows of each system sorted by start time, systems in order of first appearance. */
  public static Map<String, List<Window>> bySystem(List<Window> windows) {
    Map<String, List<Window>> systems = new LinkedHashMap<>();
    for (Window window : windows) {
      systems.computeIfAbsent(window.system(), s -> new ArrayList<>()).add(window);
    }
    for (List<Window> list : systems.values()) {
      list.sort(Comparator.comparingLong(Window::startMs));
    }
    return systems;
  }

  /**
   * The last {@code laterShare} of each system's time span goes to {@code later}; windows that
   * straddle the cut are dropped so the two parts share no telemetry.
   */
  public static TimeSplit of(List<Window> windows, double laterShare) {
    if (laterShare < 0 || laterShare >= 1) {
      throw new IllegalArgumentException("held-out share must be in [0, 1), was " + laterShare);
    }
    List<Window> earlier = new ArrayList<>();
    List<Window> later = new ArrayList<>();
    for (List<Window> system : bySystem(windows).values()) {
      long first = system.get(0).startMs();
      long last = system.get(system.size() - 1).endMs();
      long cut = last - Math.round((last - first) * laterShare);
      for (Window window : system) {
        if (window.endMs() <= cut) {
          earlier.add(window);
        } else if (window.startMs() >= cut) {
          later.add(window);
        }
      }
    }
    return new TimeSplit(earlier, later);
  }
}
