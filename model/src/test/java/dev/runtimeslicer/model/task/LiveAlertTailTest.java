package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LiveAlertTailTest {

  private static final long SLIDE_MS = 60_000;
  private static final int WINDOWS_PER_DAY = 1_440;
  private static final int SMOOTHED_OVER = 3;
  private static final DetectionPolicy POLICY = new DetectionPolicy(0.999, 0.99, 3, 3, 60_000, 1);
  private static final LiveAlertTailSettings SETTINGS = LiveAlertTailSettings.DEFAULTS;

  /**
   * Normal raw deviations as the heads make them, averaged over the last windows: exponential, so
   * the tails the estimator assumes hold (a heavier mixture would test the tail model, not the
   * online learning).
   */
  static double[] smoothedRaw(long seed, int windows, double scale) {
    Random random = new Random(seed);
    double[] raw = new double[windows];
    double[] smoothed = new double[windows];
    for (int i = 0; i < windows; i++) {
      raw[i] = scale * -Math.log(1 - random.nextDouble());
      double sum = 0;
      int n = 0;
      for (int j = Math.max(0, i - SMOOTHED_OVER + 1); j <= i; j++) {
        sum += raw[j];
        n++;
      }
      smoothed[i] = sum / n;
    }
    return smoothed;
  }

  /** The tail tuning would fit on {@code raw} (one stretch), scored by {@code calibration}. */
  private static AlertTail tuned(double[] raw, TailCalibration calibration) {
    List<Double> nines = new ArrayList<>();
    for (double r : raw) {
      nines.add(AlertTail.nines(calibration.score(r)));
    }
    return AlertTailEstimator.fit(
        List.of(AlertTailEstimator.levels(nines, POLICY.firingWindows())),
        raw.length / (double) WINDOWS_PER_DAY,
        POLICY.resolvingWindows());
  }

  /** Per window the firing score it was judged by, and alerts fired per window index. */
  private record Replay(double[] fireNines, boolean[] fired, LiveAlertTail tail) {

    int alertsBetween(int from, int to) {
      int count = 0;
      for (int i = from; i < to; i++) {
        count += fired[i] ? 1 : 0;
      }
      return count;
    }
  }

  /**
   * Streams {@code raw} through a live tail (null: the tuned score alone) and the alert lifecycle's
   * rule: fire after the firing windows in a row at or above the firing score, resolve after the
   * resolving windows in a row below the resolving score.
   */
  private static Replay replay(
      double[] raw, TailCalibration calibration, AlertTail tuned, LiveAlertTail live) {
    double[] fireNines = new double[raw.length];
    boolean[] fired = new boolean[raw.length];
    int anomalousRun = 0;
    int calmRun = 0;
    boolean firing = false;
    double tunedNines =
        tuned.fireNines(POLICY.alertBudgetPerDay(), AlertTail.nines(POLICY.resolveScore()));
    for (int i = 0; i < raw.length; i++) {
      double score = calibration.score(raw[i]);
      fireNines[i] =
          live == null
              ? tunedNines
              : live.joinedFireNines(tunedNines, tuned.normalDays(), SETTINGS);
      double fireScore = AlertTail.score(fireNines[i]);
      boolean anomalous = score >= fireScore;
      anomalousRun = anomalous ? anomalousRun + 1 : 0;
      calmRun = anomalous || score >= POLICY.resolveScore() ? 0 : calmRun + 1;
      if (!firing && anomalousRun >= POLICY.firingWindows()) {
        firing = true;
        fired[i] = true;
      } else if (firing && calmRun >= POLICY.resolvingWindows()) {
        firing = false;
      }
      if (live != null) {
        live.observe(
            i * SLIDE_MS, i * SLIDE_MS + SLIDE_MS, false, score, fireScore, POLICY, SETTINGS);
      }
    }
    return new Replay(fireNines, fired, live);
  }

  @Test
  void aHeavierDayThanTuningSawRaisesTheFiringScoreUntilTheBudgetHolds() {
    double[] training = smoothedRaw(1, WINDOWS_PER_DAY, 1);
    TailCalibration calibration = TailCalibration.fit(training, 0.1);
    AlertTail tuned = tuned(training, calibration);
    // The next days' normal telemetry deviates half as much again as the training day's.
    double[] heavier = smoothedRaw(2, 4 * WINDOWS_PER_DAY, 1.5);

    Replay fixed = replay(heavier, calibration, tuned, null);
    Replay live = replay(heavier, calibration, tuned, new LiveAlertTail());

    int lastDays = 3 * WINDOWS_PER_DAY;
    double fixedPerDay = fixed.alertsBetween(WINDOWS_PER_DAY, heavier.length) / 3.0;
    double livePerDay = live.alertsBetween(WINDOWS_PER_DAY, heavier.length) / 3.0;
    // The tuned score alone fires far beyond the budget of one a day; the live tail brings it near.
    assertThat(fixedPerDay)
        .as("alerts a day at the tuned score")
        .isGreaterThan(6 * POLICY.alertBudgetPerDay());
    assertThat(livePerDay)
        .as("alerts a day with the live tail")
        .isLessThanOrEqualTo(3 * POLICY.alertBudgetPerDay());
    assertThat(live.fireNines()[heavier.length - 1]).isGreaterThan(fixed.fireNines()[lastDays]);
    // Until the warm-up is over the tuned score stands alone.
    int warmUpWindows = (int) (SETTINGS.warmUpMs() / SLIDE_MS);
    assertThat(live.fireNines()[warmUpWindows / 2]).isEqualTo(fixed.fireNines()[warmUpWindows / 2]);
  }

  @Test
  void onDaysLikeTheTuningDayTheScoreStaysNearTheTunedOne() {
    double[] training = smoothedRaw(3, WINDOWS_PER_DAY, 1);
    TailCalibration calibration = TailCalibration.fit(training, 0.1);
    AlertTail tuned = tuned(training, calibration);
    Replay live =
        replay(smoothedRaw(4, 3 * WINDOWS_PER_DAY, 1), calibration, tuned, new LiveAlertTail());
    double tunedNines = tuned.fireNines(1, AlertTail.nines(POLICY.resolveScore()));
    assertThat(live.fireNines()[live.fireNines().length - 1]).isCloseTo(tunedNines, within(0.75));
    assertThat(live.alertsBetween(0, live.fireNines().length) / 3.0).isLessThanOrEqualTo(3);
  }

  @Test
  void incidentsDoNotTeachTheTail() {
    double[] training = smoothedRaw(5, WINDOWS_PER_DAY, 1);
    TailCalibration calibration = TailCalibration.fit(training, 0.1);
    AlertTail tuned = tuned(training, calibration);
    double[] calm = smoothedRaw(6, 2 * WINDOWS_PER_DAY, 1);
    double[] withIncidents = calm.clone();
    // An incident every two hours, each twenty minutes long, ramping up and down over five windows:
    // twelve a day, far more than a real system has, with flanks below the firing score.
    for (int start = 60; start + 20 < withIncidents.length; start += 120) {
      for (int i = 0; i < 20; i++) {
        double ramp = Math.min(1, Math.min(i + 1, 20 - i) / 5.0);
        withIncidents[start + i] += 40 * ramp;
      }
    }
    Replay clean = replay(calm, calibration, tuned, new LiveAlertTail());
    Replay contaminated = replay(withIncidents, calibration, tuned, new LiveAlertTail());
    double end = clean.fireNines()[calm.length - 1];
    assertThat(contaminated.fireNines()[calm.length - 1]).isCloseTo(end, within(0.5));
    // Every incident is caught, late ones too: the tail did not climb past them.
    assertThat(contaminated.alertsBetween(calm.length - WINDOWS_PER_DAY, calm.length))
        .isGreaterThanOrEqualTo(WINDOWS_PER_DAY / 120);
  }

  @Test
  void aSystemTuningNeverSawIsSetByItsOwnTailAfterTheWarmUp() {
    LiveAlertTail live = new LiveAlertTail();
    double pooledNines = 2.5;
    double[] raw = smoothedRaw(7, WINDOWS_PER_DAY, 1);
    TailCalibration calibration = TailCalibration.fit(smoothedRaw(8, WINDOWS_PER_DAY, 1), 0.1);
    int warmUpWindows = (int) (SETTINGS.warmUpMs() / SLIDE_MS);
    for (int i = 0; i < raw.length; i++) {
      double joined = live.joinedFireNines(pooledNines, 0, SETTINGS);
      if (i < warmUpWindows) {
        assertThat(joined).isEqualTo(pooledNines);
      }
      live.observe(
          i * SLIDE_MS,
          i * SLIDE_MS + SLIDE_MS,
          false,
          calibration.score(raw[i]),
          AlertTail.score(joined),
          POLICY,
          SETTINGS);
    }
    assertThat(live.warm(SETTINGS)).isTrue();
    assertThat(live.joinedFireNines(pooledNines, 0, SETTINGS)).isEqualTo(live.fireNines);
    // A tuned tail of as many days as the live one weighs as much.
    assertThat(live.joinedFireNines(pooledNines, live.days(), SETTINGS))
        .isCloseTo((pooledNines + live.fireNines) / 2, within(1e-12));
  }

  @Test
  void itForgetsBeyondItsMemoryAndGapsAndPartialWindowsBreakRuns() {
    LiveAlertTailSettings settings = new LiveAlertTailSettings(3_600_000, 600_000);
    LiveAlertTail live = new LiveAlertTail();
    for (int i = 0; i < 180; i++) {
      live.observe(i * SLIDE_MS, i * SLIDE_MS + SLIDE_MS, false, 0.9, 0.999, POLICY, settings);
    }
    // An hour of memory at a minute's slide: sixty levels or one more at the boundary.
    assertThat(live.size - live.first).isBetween(60, 61);
    assertThat(live.days()).isCloseTo(1 / 24.0, within(1.5 / 1440));
    // After a gap the run starts over: no level until firing windows were seen again.
    int before = live.size;
    long resume = 200 * SLIDE_MS;
    live.observe(resume, resume + SLIDE_MS, false, 0.9, 0.999, POLICY, settings);
    live.observe(resume + SLIDE_MS, resume + 2 * SLIDE_MS, false, 0.9, 0.999, POLICY, settings);
    assertThat(live.size).isEqualTo(before);
    live.observe(resume + 2 * SLIDE_MS, resume + 3 * SLIDE_MS, false, 0.9, 0.999, POLICY, settings);
    assertThat(live.size).isEqualTo(before + 1);
    assertThat(live.stretchStarts[live.size - 1]).isTrue();
    live.observe(
        resume + 3 * SLIDE_MS, resume + 4 * SLIDE_MS, true, 0.9999, 0.999, POLICY, settings);
    assertThat(live.size).isEqualTo(before + 1);
  }
}
