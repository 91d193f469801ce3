package dev.runtimeslicer.model.task;

/**
 * How often a system's normal telemetry alone would fire alerts, as a function of the firing score:
 * the peaks of normal excursions (each the highest score held for the firing windows in a row)
 * above a base level, with an exponential tail beyond it (peaks over threshold, as SPOT does).
 * Scores are read in "nines", {@code -log10(1 - score)}: the score is the share of normal windows
 * that deviate less, so a single window's nines are exponential by construction and so, beyond a
 * high base, are the peaks of runs of windows. From the tail, the firing score that a declared
 * alert budget allows follows without labels: {@link #fireScore(double)}.
 *
 * @param baseNines base level u of the tail, in nines
 * @param meanExcessNines scale of the peaks' excess over u, in nines
 * @param peaksPerDay excursions above u per day of normal telemetry
 * @param normalDays days of normal telemetry the tail was fitted on
 */
public record AlertTail(
    double baseNines, double meanExcessNines, double peaksPerDay, double normalDays) {

  /** Scores closer to 1 than this are the same to a double; their nines are capped here. */
  public static final double MAX_NINES = 15;

  public AlertTail {
    if (!(baseNines >= 0 && baseNines <= MAX_NINES)
        || !(meanExcessNines > 0)
        || !(peaksPerDay >= 0)
        || !(normalDays > 0)) {
      throw new IllegalArgumentException(
          "alert tail needs a base in [0, "
              + MAX_NINES
              + "] nines, a positive excess scale, a peak rate >= 0 and > 0 normal days, got "
              + this);
    }
  }

  /** The nines of a score in [0, 1]: 0.99 is 2, 0.999 is 3; a score of 1 is {@link #MAX_NINES}. */
  public static double nines(double score) {
    if (!(score > 0)) {
      return 0;
    }
    double rest = 1 - score;
    return rest <= 0 ? MAX_NINES : Math.min(MAX_NINES, -Math.log10(rest));
  }

  /** The score of {@code nines} nines. */
  public static double score(double nines) {
    return 1 - Math.pow(10, -nines);
  }

  /** Expected alerts a day that normal telemetry fires at a firing score of {@code nines}. */
  public double alertsPerDay(double nines) {
    if (nines <= baseNines) {
      return peaksPerDay;
    }
    return peaksPerDay * Math.exp(-(nines - baseNines) / meanExcessNines);
  }

  /**
   * The lowest firing score, in nines, at which normal telemetry fires at most {@code budgetPerDay}
   * alerts a day, and never below {@code floorNines}.
   */
  public double fireNines(double budgetPerDay, double floorNines) {
    if (!(budgetPerDay > 0)) {
      throw new IllegalArgumentException(
          "alert budget must be above 0 alerts a day, was " + budgetPerDay);
    }
    double nines =
        peaksPerDay <= budgetPerDay
            ? baseNines
            : baseNines + meanExcessNines * Math.log(peaksPerDay / budgetPerDay);
    return Math.min(MAX_NINES, Math.max(floorNines, nines));
  }

  /** {@link #fireNines} as a score in (0, 1). */
  public double fireScore(double budgetPerDay, double floorNines) {
    return score(fireNines(budgetPerDay, floorNines));
  }
}
