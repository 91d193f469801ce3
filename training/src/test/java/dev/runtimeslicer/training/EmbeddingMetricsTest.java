package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class EmbeddingMetricsTest {

  @Test
  void aurocCountsOrderedPairsAndTiesHalf() {
    assertThat(
            EmbeddingMetrics.auroc(
                new double[] {0.9, 0.8, 0.1, 0.2}, new boolean[] {true, true, false, false}))
        .isEqualTo(1.0);
    assertThat(EmbeddingMetrics.auroc(new double[] {0.1, 0.9}, new boolean[] {true, false}))
        .isZero();
    assertThat(EmbeddingMetrics.auroc(new double[] {0.5, 0.5}, new boolean[] {true, false}))
        .isCloseTo(0.5, within(1e-12));
  }

  @Test
  void nearestDistanceIsOneMinusTheBestCosine() {
    float[][] references = {{1, 0}, {0, 1}};
    double[] distances =
        EmbeddingMetrics.nearestDistances(new float[][] {{1, 0}, {0.6f, 0.8f}}, references);
    assertThat(distances[0]).isCloseTo(0.0, within(1e-9));
    assertThat(distances[1]).isCloseTo(0.2, within(1e-6));
  }
}
