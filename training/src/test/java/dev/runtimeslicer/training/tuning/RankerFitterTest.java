package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RankerFitterTest {

  @Test
  void signTestGivesTheChanceOfAtLeastThatManyWinsFromACoin() {
    assertThat(RankerFitter.signTestP(0, 0)).isEqualTo(1.0);
    assertThat(RankerFitter.signTestP(1, 0)).isEqualTo(0.5);
    assertThat(RankerFitter.signTestP(4, 0)).isEqualTo(1 / 16.0, within(1e-12));
    // 5 or 6 of 6: (6 + 1) / 64
    assertThat(RankerFitter.signTestP(5, 1)).isEqualTo(7 / 64.0, within(1e-12));
    assertThat(RankerFitter.signTestP(0, 3)).isEqualTo(1.0, within(1e-12));
  }

  @Test
  void aLeadOfOneIncidentIsNotEnoughToKeepTheRanker() {
    assertThat(RankerFitter.signTestP(2, 1)).isGreaterThan(RankerFitter.SIGNIFICANCE);
    assertThat(RankerFitter.signTestP(5, 4)).isGreaterThan(RankerFitter.SIGNIFICANCE);
    assertThat(RankerFitter.signTestP(5, 0)).isLessThanOrEqualTo(RankerFitter.SIGNIFICANCE);
    assertThat(RankerFitter.signTestP(8, 2)).isLessThanOrEqualTo(RankerFitter.SIGNIFICANCE);
  }
}
