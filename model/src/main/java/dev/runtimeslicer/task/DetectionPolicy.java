package dev.runtimeslicer.task;

/**
 * How window scores become alerts: an alert fires after {@code firingWindows} consecutive
 * anomalous windows and resolves after {@code resolvingWindows} consecutive windows scoring below
 * {@code resolveScore}, so a flapping score does not flap the alert.
 *
 * @param fireScore default score at or above which a window is anomalous (states may override it)
 * @param resolveScore score below which a window counts towards resolving; at most fireScore
 * @param firingWindows consecutive anomalous windows before an alert fires
 * @param resolvingWindows consecutive calm windows before a firing alert resolves
 */
public record DetectionPolicy(double fireScore, double resolveScore, int firingWindows, int resolvingWindows) {

  public DetectionPolicy {
    if (!(fireScore > 0 && fireScore < 1) || !(resolveScore > 0) || resolveScore > fireScore) {
      throw new IllegalArgumentException("detection policy needs 0 < resolveScore <= fireScore < 1, got "
          + resolveScore + " / " + fireScore);
    }
    if (firingWindows < 1 || resolvingWindows < 1) {
      throw new IllegalArgumentException("detection policy needs at least one firing and one resolving window");
    }
  }
}
