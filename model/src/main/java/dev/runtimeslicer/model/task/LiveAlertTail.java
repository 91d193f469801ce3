package dev.runtimeslicer.model.task;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One system's alert tail, learned online from its own windows as SPOT does: every window's run
 * level (the lowest nines of it and the windows before it that an alert needs) is kept for the
 * memory and the tail refitted on them ({@link AlertTailEstimator}) after every window. A day whose
 * normal telemetry is heavier than tuning saw raises the system's firing score within hours; a
 * system tuning never saw gets its own after the warm-up. An excursion with a level that fired is
 * left out whole, rise and fall, so an incident does not teach the tail (leaving out only the
 * firing levels let incidents' flanks lift the score: 3 to 6 fewer of 20 faults caught on the dev
 * seeds). A Flink POJO (public fields, no-arg constructor) for keyed state; one per system, fed in
 * window order.
 */
public final class LiveAlertTail {

  private static final double MS_PER_DAY = 86_400_000.0;

  /**
   * The tail is refitted once new levels are this share of those remembered: a fit sorts them all,
   * and a percent more data cannot move it far.
   */
  private static final double REFIT_SHARE = 0.01;

  /**
   * Run levels in nines of the remembered windows, oldest first; live from {@link #first} to {@link
   * #size}.
   */
  public double[] levels = new double[0];

  /** End of each remembered level's window. */
  public long[] endsMs = new long[0];

  /** Where a stretch of consecutive levels begins (after a gap or a level that would fire). */
  public boolean[] stretchStarts = new boolean[0];

  public int first;
  public int size;

  /** Nines of the last windows, for the next run level; newest last. */
  public double[] recentNines = new double[0];

  public int recentCount;
  public long lastStartMs = Long.MIN_VALUE;

  /** Smallest step seen between window starts: the slide; 0 until two windows were seen. */
  public long slideMs;

  /** The next level begins a stretch. */
  public boolean broken = true;

  /** Firing score in nines that the remembered windows allow within the budget; NaN until warm. */
  public double fireNines = Double.NaN;

  /** Levels learned since the last fit. */
  public int sinceFit;

  public LiveAlertTail() {}

  /**
   * Learns one window of the system: its {@code score} (the smoothed anomaly score the firing score
   * is compared with), against the {@code fireScore} it was judged by. Partial windows break the
   * run and are not learned.
   */
  public void observe(
      long startMs,
      long endMs,
      boolean partial,
      double score,
      double fireScore,
      DetectionPolicy policy,
      LiveAlertTailSettings settings) {
    if (lastStartMs != Long.MIN_VALUE && startMs > lastStartMs) {
      long step = startMs - lastStartMs;
      if (slideMs == 0 || step < slideMs) {
        slideMs = step;
      } else if (step > slideMs) {
        recentCount = 0;
        broken = true;
      }
    }
    lastStartMs = Math.max(lastStartMs, startMs);
    if (partial) {
      recentCount = 0;
      broken = true;
      return;
    }
    int firing = policy.firingWindows();
    if (recentNines.length != firing) {
      recentNines = new double[firing];
      recentCount = 0;
    }
    if (recentCount == firing) {
      System.arraycopy(recentNines, 1, recentNines, 0, firing - 1);
      recentCount--;
    }
    recentNines[recentCount++] = AlertTail.nines(score);
    if (recentCount == firing) {
      double level = Double.MAX_VALUE;
      for (double nines : recentNines) {
        level = Math.min(level, nines);
      }
      // A level that fires is kept as such: its whole excursion is left out of the fit.
      append(level >= AlertTail.nines(fireScore) ? AlertTailEstimator.FIRED : level, endMs);
    }
    forget(endMs - settings.memoryMs());
    refit(policy, settings, AlertTail.nines(fireScore));
  }

  /** Days of telemetry remembered (incidents included: the budget is per day of running). */
  public double days() {
    return (size - first) * (double) slideMs / MS_PER_DAY;
  }

  /** True once the remembered telemetry covers the warm-up and a tail was fitted. */
  public boolean warm(LiveAlertTailSettings settings) {
    return slideMs > 0
        && (size - first) * (double) slideMs >= settings.warmUpMs()
        && !Double.isNaN(fireNines);
  }

  /**
   * The firing score in nines joined from {@code tunedNines}, fitted on {@code tunedDays} of normal
   * telemetry at tuning time, and this tail's own once warm: weighed by the days behind each, so a
   * system tuning never saw (no days behind the pooled tail) is set by its own tail alone.
   */
  public double joinedFireNines(
      double tunedNines, double tunedDays, LiveAlertTailSettings settings) {
    if (!warm(settings)) {
      return tunedNines;
    }
    double liveDays = days();
    return (tunedDays * tunedNines + liveDays * fireNines) / (tunedDays + liveDays);
  }

  private void append(double level, long endMs) {
    if (size == levels.length) {
      int live = size - first;
      int capacity = Math.max(64, live * 2);
      levels = Arrays.copyOfRange(levels, first, first + capacity);
      endsMs = Arrays.copyOfRange(endsMs, first, first + capacity);
      stretchStarts = Arrays.copyOfRange(stretchStarts, first, first + capacity);
      first = 0;
      size = live;
    }
    levels[size] = level;
    endsMs[size] = endMs;
    stretchStarts[size] = broken;
    size++;
    broken = false;
  }

  private void forget(long beforeMs) {
    while (first < size && endsMs[first] < beforeMs) {
      first++;
    }
    if (first < size) {
      stretchStarts[first] = true;
    }
  }

  private void refit(DetectionPolicy policy, LiveAlertTailSettings settings, double firedAtNines) {
    if (slideMs <= 0 || (size - first) * (double) slideMs < settings.warmUpMs()) {
      fireNines = Double.NaN;
      return;
    }
    if (!Double.isNaN(fireNines) && ++sinceFit < REFIT_SHARE * (size - first)) {
      return;
    }
    sinceFit = 0;
    // Excursions that fired were left out: the ones seen stop below the firing score.
    AlertTail tail =
        AlertTailEstimator.fit(stretches(), days(), policy.resolvingWindows(), firedAtNines);
    fireNines =
        tail == null
            ? Double.NaN
            : tail.fireNines(policy.alertBudgetPerDay(), AlertTail.nines(policy.resolveScore()));
  }

  private List<List<Double>> stretches() {
    List<List<Double>> out = new ArrayList<>();
    List<Double> stretch = null;
    for (int i = first; i < size; i++) {
      if (stretch == null || stretchStarts[i]) {
        stretch = new ArrayList<>();
        out.add(stretch);
      }
      stretch.add(levels[i]);
    }
    return out;
  }
}
