package dev.runtimeslicer.tools.evaluation.baseline;

import java.util.ArrayList;
import java.util.List;

/**
 * The alerting rule a user configures on a per-window score: an alert fires after {@code fireAfter}
 * consecutive windows above the threshold and resolves after {@code resolveAfter} consecutive
 * windows that are not.
 */
public record AlertHysteresis(int fireAfter, int resolveAfter) {

  /**
   * One alert, as indices into the windows: the first window of the run that made it fire, the
   * window it fired on, and the window it resolved on (the last window when it never resolved).
   */
  public record Episode(int firstAbove, int firing, int resolved) {}

  public AlertHysteresis {
    if (fireAfter < 1 || resolveAfter < 1) {
      throw new IllegalArgumentException(
          "fireAfter and resolveAfter must be at least 1, got "
              + fireAfter
              + " and "
              + resolveAfter);
    }
  }

  /**
   * The alerts over windows in time order, {@code above[i]} telling whether window i scored above
   * the threshold.
   */
  public List<Episode> episodes(boolean[] above) {
    List<Episode> episodes = new ArrayList<>();
    int run = 0;
    int below = 0;
    int firstAbove = -1;
    int firing = -1;
    for (int i = 0; i < above.length; i++) {
      if (firing < 0) {
        run = above[i] ? run + 1 : 0;
        if (run == fireAfter) {
          firstAbove = i - fireAfter + 1;
          firing = i;
          below = 0;
        }
      } else {
        below = above[i] ? 0 : below + 1;
        if (below == resolveAfter) {
          episodes.add(new Episode(firstAbove, firing, i));
          firing = -1;
          run = 0;
        }
      }
    }
    if (firing >= 0) {
      episodes.add(new Episode(firstAbove, firing, above.length - 1));
    }
    return episodes;
  }
}
