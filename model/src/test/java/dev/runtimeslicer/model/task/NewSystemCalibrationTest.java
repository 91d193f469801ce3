package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NewSystemCalibrationTest {

  private static final long SLIDE_MS = 60_000;
  private static final DetectionPolicy POLICY = new DetectionPolicy(0.999, 0.99, 3, 3, 60_000, 1);
  private static final LiveAlertTailSettings SETTINGS =
      new LiveAlertTailSettings(86_400_000, 6 * 3_600_000);

  private static SliceAssessment window(
      long index, double raw, NewSystemCalibration calibration, LiveAlertTail live) {
    SliceAssessment out = new SliceAssessment();
    out.system = "new-shop";
    out.windowStartMs = index * SLIDE_MS;
    out.windowEndMs = index * SLIDE_MS + SLIDE_MS;
    out.rawScore = raw;
    out.windowRawScore = raw;
    out.anomalyScore = calibration.score(raw, SETTINGS);
    out.fireScore =
        live.warm(SETTINGS)
            ? AlertTail.score(live.fireNines)
            : AlertTail.score(AlertTail.MAX_NINES);
    out.anomalous = out.anomalyScore >= out.fireScore;
    return out;
  }

  @Test
  void aNewSystemGetsDetectionAfterTheWarmUpAndAnIncidentStandsOut() {
    NewSystemCalibration calibration = new NewSystemCalibration();
    LiveAlertTail live = new LiveAlertTail();
    Random random = new Random(11);
    int warmUpWindows = (int) (SETTINGS.warmUpMs() / SLIDE_MS);
    int calmFired = 0;
    int index = 0;
    for (; index < 2 * warmUpWindows; index++) {
      // The largest change among a system's services in a calm window: a few robust z.
      double raw = Math.abs(random.nextGaussian()) * 1.5;
      SliceAssessment assessed = window(index, raw, calibration, live);
      if (index < warmUpWindows - 1) {
        assertThat(assessed.anomalyScore).as("no score before the warm-up").isZero();
        assertThat(assessed.anomalous).isFalse();
      }
      calmFired += assessed.anomalous ? 1 : 0;
      calibration.observe(assessed, true, live, POLICY, SETTINGS);
    }
    assertThat(calibration.warm(SETTINGS)).isTrue();
    // Warm together: the tail was given the calibration's remembered windows when it became warm.
    assertThat(live.warm(SETTINGS)).isTrue();
    assertThat(live.days()).isGreaterThan(SETTINGS.warmUpMs() / 86_400_000.0);
    // Calm windows scored like the ones learned: a share of them above the firing score, not many.
    assertThat(calmFired).isLessThan(warmUpWindows / 50);
    // A service whose latency is twelve spreads off its recent normal, for five windows.
    int anomalous = 0;
    for (int i = 0; i < 5; i++, index++) {
      SliceAssessment incident = window(index, 12, calibration, live);
      anomalous += incident.anomalous ? 1 : 0;
      calibration.observe(incident, true, live, POLICY, SETTINGS);
    }
    assertThat(anomalous).isEqualTo(5);
  }

  @Test
  void scoresAreTheShareOfRecentCalmWindowsDeviatingLessAndOnlyCalmContrastedWindowsTeach() {
    NewSystemCalibration calibration = new NewSystemCalibration();
    LiveAlertTail live = new LiveAlertTail();
    int windows = (int) (SETTINGS.warmUpMs() / SLIDE_MS) + 60;
    for (int i = 0; i < windows; i++) {
      SliceAssessment calm = window(i, (i * 37 % 100) / 10.0, calibration, live);
      calibration.observe(calm, true, live, POLICY, SETTINGS);
    }
    assertThat(calibration.score(5.0, SETTINGS)).isCloseTo(0.5, within(0.02));
    int learned = calibration.size - calibration.first;
    // Not contrasted (recent traffic not warm), anomalous, or partial: not learned.
    SliceAssessment notContrasted = window(windows, 1, calibration, live);
    calibration.observe(notContrasted, false, live, POLICY, SETTINGS);
    SliceAssessment anomalous = window(windows + 1, 50, calibration, live);
    anomalous.anomalous = true;
    calibration.observe(anomalous, true, live, POLICY, SETTINGS);
    SliceAssessment partial = window(windows + 2, 1, calibration, live);
    partial.partial = true;
    calibration.observe(partial, true, live, POLICY, SETTINGS);
    assertThat(calibration.size - calibration.first).isEqualTo(learned);
    assertThat(
            NewSystemCalibration.raw(
                TrafficContrast.of(
                    java.util.Map.of(
                        "cart", new TrafficContrast.Change(4, 0, 0, 0, 0, 0, 0),
                        "checkout", new TrafficContrast.Change(0, 0, 7, 0, 0, 0, 0)))))
        .isEqualTo(7);
  }
}
