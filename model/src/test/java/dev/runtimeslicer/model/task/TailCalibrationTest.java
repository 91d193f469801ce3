package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TailCalibrationTest {

  @Test
  void scoresAreTheShareOfNormalWindowsBelowAndKeepOrderingBeyondTheSample() {
    SplittableRandom random = new SplittableRandom(3);
    double[] normal = new double[5000];
    for (int i = 0; i < normal.length; i++) {
      normal[i] = -Math.log(1 - random.nextDouble()); // exponential(1)
    }
    TailCalibration calibration = TailCalibration.fit(normal, 0.1);
    // P(X >= x) = exp(-x) for exponential(1): the score at x is 1 - exp(-x).
    assertThat(calibration.score(Math.log(2))).isCloseTo(0.5, within(0.03));
    assertThat(calibration.score(5.0)).isCloseTo(1 - Math.exp(-5.0), within(0.003));
    assertThat(calibration.score(20.0)).isGreaterThan(calibration.score(12.0)).isLessThan(1.0);
    assertThat(calibration.score(-1)).isZero();
    assertThat(calibration.score(Double.NaN)).isZero();
    assertThat(calibration.rawAt(calibration.score(7.0))).isCloseTo(7.0, within(1e-6));
  }

  @Test
  void robustScaleIgnoresOneExtremeValueAndFloorsConstantData() {
    RobustScale scale = RobustScale.of(new double[] {10, 11, 9, 10, 10, 1e6}, 0.05, 1e-3);
    assertThat(scale.median()).isEqualTo(10);
    assertThat(scale.scale()).isLessThan(2);
    RobustScale constant = RobustScale.of(new double[] {4, 4, 4}, 0.05, 1e-3);
    assertThat(constant.scale()).isEqualTo(0.2, within(1e-12));
    assertThat(constant.z(5)).isEqualTo(5, within(1e-9));
  }

  /** Exponential(1) normals, the last {@code failures} of them replaced by failures far above. */
  private static double[] withFailures(int failures) {
    SplittableRandom random = new SplittableRandom(5);
    double[] values = new double[5000];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          i >= values.length - failures
              ? 30 + random.nextDouble() * 10
              : -Math.log(1 - random.nextDouble());
    }
    return values;
  }

  @Test
  void unlabeledFailuresDoNotBecomeNormalWhenScalesComeFromTheBody() {
    double[] contaminated = withFailures(600); // 12% of the windows
    // A failure 30 above the median: the top-fitted tail has learned such values as normal.
    assertThat(TailCalibration.fit(contaminated, 0.1).score(30)).isLessThan(0.95);
    assertThat(TailCalibration.fit(contaminated, 0.2, true).score(30)).isGreaterThan(1 - 1e-6);
    double[] sorted = contaminated.clone();
    java.util.Arrays.sort(sorted);
    // The 99th percentile sits on the failures; capped by the body it stays a few units from the
    // clean ln 100 = 4.6 (the failures still shift the body's quantiles a little), far below them.
    assertThat(RobustScale.quantile(sorted, 0.99)).isGreaterThan(30);
    assertThat(RobustScale.bodyCappedQuantile(sorted, 0.99, 0.8)).isBetween(Math.log(100), 10.0);
  }

  @Test
  void aLightTailKeepsItsOwnScaleWhenScalesComeFromTheBody() {
    SplittableRandom random = new SplittableRandom(7);
    double[] uniform = new double[5000];
    for (int i = 0; i < uniform.length; i++) {
      uniform[i] = random.nextDouble();
    }
    java.util.Arrays.sort(uniform);
    // A uniform's top is lighter than any exponential: its own 99th percentile is below the body's
    // guess.
    assertThat(RobustScale.bodyCappedQuantile(uniform, 0.99, 0.8))
        .isEqualTo(RobustScale.quantile(uniform, 0.99));
    assertThat(TailCalibration.fit(uniform, 0.2, true).meanExcess())
        .isEqualTo(TailCalibration.fit(uniform, 0.2, false).meanExcess());
  }
}
