package dev.runtimeslicer.task;

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
}
