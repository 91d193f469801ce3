package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WindowLoadTest {

  @Test
  void theLoadIsTheMedianRatioOverServicesWhoseRateIsKnown() {
    double[] ratios = {3.0, Double.NaN, 2.8, 0.0, 3.2, 9.0};
    // Known: 3.0, 2.8, 3.2, 9.0 (the NaN and the zero tell nothing); median of four.
    assertThat(WindowLoad.ofRatios(ratios, 6)).isEqualTo(3.1);
    assertThat(WindowLoad.ofRatios(new double[] {1.0, 5.0, 2.0, 99.0}, 3)).isEqualTo(2.0);
  }

  @Test
  void tooFewServicesLeaveTheLoadUnknown() {
    assertThat(WindowLoad.ofRatios(new double[] {2.0, 2.0, Double.NaN}, 3)).isNaN();
    assertThat(WindowLoad.ofRatios(new double[0], 0)).isNaN();
  }

  @Test
  void aServiceWithoutARateOrAPositiveNormalHasNoRatio() {
    assertThat(WindowLoad.ratio(6.0, new RobustScale(2.0, 0.5))).isEqualTo(3.0);
    assertThat(WindowLoad.ratio(Double.NaN, new RobustScale(2.0, 0.5))).isNaN();
    assertThat(WindowLoad.ratio(6.0, new RobustScale(0.0, 0.5))).isNaN();
    assertThat(WindowLoad.ratio(6.0, null)).isNaN();
  }
}
