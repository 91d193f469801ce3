package dev.runtimeslicer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DecayingMedianTest {

  @Test
  void followsTheMedianOfRecentValuesAndIgnoresAMinorityOfOutliers() {
    SplittableRandom random = new SplittableRandom(2);
    DecayingMedian median = new DecayingMedian();
    for (int i = 0; i < 5000; i++) {
      // 30% incidents far above a baseline near 1.0
      double value = random.nextDouble() < 0.3 ? 12 : 1.0 + 0.3 * random.nextGaussian();
      median.add(value, 1.0 / 300);
    }
    assertThat(median.median()).isCloseTo(1.15, within(0.3));
    // A lasting shift to 5 takes over within a few horizons.
    for (int i = 0; i < 2000; i++) {
      median.add(5 + 0.3 * random.nextGaussian(), 1.0 / 300);
    }
    assertThat(median.median()).isCloseTo(5.0, within(0.3));
    assertThat(median.observations).isEqualTo(7000);
  }

  @Test
  void survivesLongStreamsWithoutOverflowAndIgnoresNonFiniteValues() {
    DecayingMedian median = new DecayingMedian();
    for (int i = 0; i < 1_000_000; i++) {
      median.add(i % 2 == 0 ? 2.0 : 3.0, 0.01);
    }
    median.add(Double.NaN, 0.01);
    assertThat(median.median()).isBetween(2.0, 3.25);
    assertThat(median.total).isFinite();
    assertThat(median.observations).isEqualTo(1_000_000);
  }

  @Test
  void baselinesCorrectOnlyAboveZeroAndOnlyOnceWarm() {
    Adaptation adaptation = new Adaptation(100, 10, 1e-3);
    DeviationBaselines baselines = new DeviationBaselines();
    for (int i = 0; i < 9; i++) {
      baselines.observe("cart", 4.0, adaptation);
    }
    assertThat(baselines.corrected("cart", 6.0, adaptation)).isEqualTo(6.0); // not warm yet
    baselines.observe("cart", 4.0, adaptation);
    assertThat(baselines.corrected("cart", 6.0, adaptation)).isCloseTo(2.0, within(0.3));
    for (int i = 0; i < 1000; i++) {
      baselines.observe("quiet", -2.0, adaptation);
    }
    assertThat(baselines.corrected("quiet", 1.0, adaptation)).isEqualTo(1.0); // a quiet baseline does not raise scores
    assertThat(baselines.corrected("never-seen", 3.0, adaptation)).isEqualTo(3.0);
  }
}
