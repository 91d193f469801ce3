package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class NameDirectionsTest {

  /**
   * Every bundle trained with names that have meaning learned on these exact projections: values
   * recorded when they were introduced, so a change to the seed or the sampling fails here rather
   * than silently degrading shipped bundles.
   */
  @Test
  void theProjectionsNeverChange() {
    float[][] of32 = NameDirections.gaussian(32);
    assertThat(of32).hasDimensions(32, NameEmbedder.DIMENSIONS);
    assertThat(of32[0][0]).isEqualTo(-1.1332767f);
    assertThat(of32[0][1]).isEqualTo(1.2332275f);
    assertThat(of32[31][383]).isEqualTo(0.20259577f);
    assertThat(NameDirections.gaussian(16)[0][0]).isEqualTo(-1.1618446f);
    double sum = 0;
    double squares = 0;
    for (float[] row : of32) {
      for (float value : row) {
        sum += value;
        squares += value * value;
      }
    }
    int n = 32 * NameEmbedder.DIMENSIONS;
    assertThat(sum / n).isCloseTo(0.0, within(0.03));
    assertThat(squares / n).isCloseTo(1.0, within(0.05));
  }

  @Test
  void directionsAreUnitLengthStableAndSurviveAFullMemo() {
    try (NameDirections directions = new NameDirections(2)) {
      float[] cpu = directions.direction("process.cpu.time", 8).clone();
      assertThat(length(cpu)).isCloseTo(1.0, within(1e-5));
      // Past the bound the memo starts afresh; directions come out the same.
      directions.direction("queue.depth", 8);
      directions.direction("db.pool.wait", 8);
      assertThat(directions.direction("process.cpu.time", 8)).containsExactly(cpu);
      assertThat(directions.direction("process.cpu.time", 16)).hasSize(16);
    }
  }

  @Test
  void aClosedMemoStillAnswersWhatItKnowsAndSaysWhyItCannotEmbedMore() {
    NameDirections directions = new NameDirections(16);
    float[] known = directions.direction("http.server.duration", 8);
    directions.close();
    assertThat(directions.direction("http.server.duration", 8)).isSameAs(known);
    assertThatThrownBy(() -> directions.direction("never.seen", 8))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("closed");
  }

  private static double length(float[] vector) {
    double squares = 0;
    for (float value : vector) {
      squares += value * value;
    }
    return Math.sqrt(squares);
  }
}
