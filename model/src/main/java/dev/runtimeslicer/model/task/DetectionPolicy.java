package dev.runtimeslicer.model.task;

/**
 * How window scores become alerts: an alert fires after {@code firingWindows} consecutive anomalous
 * windows and resolves after {@code resolvingWindows} consecutive windows scoring below {@code
 * resolveScore}, so a flapping score does not flap the alert. Window scores are smoothed first:
 * every service's score averaged over the windows of the last {@code smoothingMs} ({@link
 * RecentScores}).
 *
 * @param fireScore default score at or above which a window is anomalous (states may override it)
 * @param resolveScore score below which a window counts towards resolving; at most fireScore
 * @param firingWindows consecutive anomalous windows before an alert fires
 * @param resolvingWindows consecutive calm windows before a firing alert resolves
 * @param smoothingMs span over which a service's window scores are averaged; 0: no smoothing
 * @param alertBudgetPerDay false alerts a day that a system's normal telemetry may fire: where the
 *     heads hold the system's {@link AlertTail}, its firing score is the lowest within this budget
 */
public record DetectionPolicy(
    double fireScore,
    double resolveScore,
    int firingWindows,
    int resolvingWindows,
    long smoothingMs,
    double alertBudgetPerDay) {

  public DetectionPolicy {
    if (!(fireScore > 0 && fireScore < 1) || !(resolveScore > 0) || resolveScore > fireScore) {
      throw new IllegalArgumentException(
          "detection policy needs 0 < resolveScore <= fireScore < 1, got "
              + resolveScore
              + " / "
              + fireScore);
    }
    if (firingWindows < 1 || resolvingWindows < 1) {
      throw new IllegalArgumentException(
          "detection policy needs at least one firing and one resolving window");
    }
    if (!(alertBudgetPerDay > 0)) {
      throw new IllegalArgumentException(
          "alert budget must be above 0 alerts a day, got " + alertBudgetPerDay);
    }
    if (smoothingMs < 0) {
      throw new IllegalArgumentException(
          "detection policy needs a smoothing span of at least 0 ms, got " + smoothingMs);
    }
  }

  /** This policy with another alert budget. */
  public DetectionPolicy withAlertBudget(double perDay) {
    return new DetectionPolicy(
        fireScore, resolveScore, firingWindows, resolvingWindows, smoothingMs, perDay);
  }
}
