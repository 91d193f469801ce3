package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.task.AlertTail;
import dev.runtimeslicer.model.task.TailCalibration;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AlertTailFitterTest {

  private static final long SLIDE_MS = 10_000;
  private static final int WINDOWS_PER_DAY = 8_640;
  private static final int SMOOTHED_OVER = 6;

  /**
   * Normal scores as the heads make them: a heavy-tailed raw deviation averaged over the last six
   * windows (so neighbours are correlated, and excursions last), calibrated on a normal period.
   */
  private static double[] smoothedRaw(long seed, int windows) {
    Random random = new Random(seed);
    double[] raw = new double[windows];
    double[] smoothed = new double[windows];
    for (int i = 0; i < windows; i++) {
      raw[i] = -Math.log(1 - random.nextDouble()) * (random.nextDouble() < 0.02 ? 4 : 1);
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

  private static List<ThresholdReplay.ScoredWindow> scored(
      double[] raw, TailCalibration calibration, String system) {
    List<ThresholdReplay.ScoredWindow> out = new ArrayList<>();
    for (int i = 0; i < raw.length; i++) {
      out.add(
          new ThresholdReplay.ScoredWindow(
              system, i * SLIDE_MS, i * SLIDE_MS + 60_000, calibration.score(raw[i])));
    }
    return out;
  }

  @Test
  void theFittedFiringScoreKeepsUnseenNormalDaysNearTheBudget() {
    double[] training = smoothedRaw(1, 3 * WINDOWS_PER_DAY);
    TailCalibration calibration = TailCalibration.fit(training, 0.1);
    TuningSettings settings = TuningSettings.defaults();
    AlertTailFitter.Fitted fitted =
        AlertTailFitter.fit(
            scored(training, calibration, "shop"),
            settings.firingWindows(),
            settings.resolvingWindows());
    AlertTail tail = fitted.bySystem().get("shop");
    for (double budget : new double[] {0.5, 2, 8}) {
      double fireScore = tail.fireScore(budget, 0);
      int days = 20;
      List<ScoredAlert> alerts =
          ThresholdReplay.alerts(
              scored(smoothedRaw(100 + (long) budget, days * WINDOWS_PER_DAY), calibration, "shop"),
              system -> fireScore,
              settings.firingWindows(),
              settings);
      double perDay = alerts.size() / (double) days;
      // Fresh normal days fire about as often as the budget allows: an order of magnitude off
      // either way would mean the tail extrapolates wrongly.
      assertThat(perDay)
          .as("alerts a day at budget %s (fire score %s)", budget, fireScore)
          .isBetween(budget / 3, budget * 3);
    }
  }

  @Test
  void aSmallerBudgetNeedsAHigherScoreAndAFloorHolds() {
    AlertTail tail = new AlertTail(3, 0.5, 40, 2);
    assertThat(tail.fireNines(0.1, 0)).isGreaterThan(tail.fireNines(1, 0));
    assertThat(tail.fireNines(1, 0))
        .isCloseTo(3 + 0.5 * Math.log(40), org.assertj.core.data.Offset.offset(1e-9));
    assertThat(tail.fireNines(100, 0)).isEqualTo(3);
    assertThat(tail.fireNines(100, 4)).isEqualTo(4);
    assertThat(tail.alertsPerDay(tail.fireNines(1, 0)))
        .isCloseTo(1, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(AlertTail.nines(0.999)).isCloseTo(3, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(AlertTail.nines(1.0)).isEqualTo(AlertTail.MAX_NINES);
    assertThat(AlertTail.nines(0)).isZero();
  }

  @Test
  void failuresAmongUnlabeledWindowsMoveTheScoreLittle() {
    double[] training = smoothedRaw(3, 3 * WINDOWS_PER_DAY);
    TailCalibration calibration = TailCalibration.fit(training, 0.1);
    TuningSettings settings = TuningSettings.defaults();
    double clean =
        AlertTailFitter.fit(
                scored(training, calibration, "shop"),
                settings.firingWindows(),
                settings.resolvingWindows())
            .bySystem()
            .get("shop")
            .fireNines(1, 0);
    double[] withFailures = training.clone();
    for (int fault = 0; fault < 6; fault++) {
      int start = 2_000 + fault * 4_000;
      for (int i = start; i < start + 30; i++) {
        withFailures[i] += 30;
      }
    }
    double contaminated =
        AlertTailFitter.fit(
                scored(withFailures, calibration, "shop"),
                settings.firingWindows(),
                settings.resolvingWindows())
            .bySystem()
            .get("shop")
            .fireNines(1, 0);
    // Six unlabeled failures of five minutes each in three days: the tail's median excess barely
    // moves, so the score stays within half a nine instead of climbing past the failures (a mean
    // excess would put it beyond them).
    assertThat(contaminated).isCloseTo(clean, org.assertj.core.data.Offset.offset(0.5));
  }

  @Test
  void eachSystemGetsItsOwnTailAndThePooledOneServesTheRest() {
    double[] quiet = smoothedRaw(5, 2 * WINDOWS_PER_DAY);
    double[] noisy = quiet.clone();
    for (int i = 0; i < noisy.length; i += 500) {
      for (int j = i; j < Math.min(noisy.length, i + 12); j++) {
        noisy[j] += 8;
      }
    }
    TailCalibration calibration = TailCalibration.fit(quiet, 0.1);
    List<ThresholdReplay.ScoredWindow> windows =
        new ArrayList<>(scored(quiet, calibration, "quiet"));
    windows.addAll(scored(noisy, calibration, "noisy"));
    AlertTailFitter.Fitted fitted = AlertTailFitter.fit(windows, 3, 3);
    assertThat(fitted.bySystem()).containsOnlyKeys("quiet", "noisy");
    double quietNines = fitted.bySystem().get("quiet").fireNines(1, 0);
    double noisyNines = fitted.bySystem().get("noisy").fireNines(1, 0);
    assertThat(noisyNines).isGreaterThan(quietNines + 0.5);
    assertThat(fitted.pooled()).isNotNull();
  }
}
