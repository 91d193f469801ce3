package dev.runtimeslicer.tools.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PcaProjectionTest {

  @Test
  void theFirstAxisFollowsTheDirectionOfMostVariance() {
    // Points spread along (1, 2, 2)/3 with a little spread along (2, -1, 0)/sqrt(5).
    List<float[]> embeddings = new ArrayList<>();
    for (int i = -10; i <= 10; i++) {
      double along = 3.0 * i;
      double across = 0.2 * (i % 3);
      embeddings.add(
          new float[] {
            (float) (5 + along / 3 + across * 2 / Math.sqrt(5)),
            (float) (-1 + along * 2 / 3 - across / Math.sqrt(5)),
            (float) (along * 2 / 3)
          });
    }

    PcaProjection projection = PcaProjection.fit(embeddings);

    double[] far = projection.project(embeddings.get(20));
    double[] near = projection.project(embeddings.get(0));
    assertThat(far[0]).isCloseTo(30, within(0.2));
    assertThat(near[0]).isCloseTo(-30, within(0.2));
    assertThat(Math.abs(far[1])).isLessThan(0.5);
    // The mean (i = 0) maps to the origin.
    assertThat(projection.project(embeddings.get(10)))
        .containsExactly(new double[] {0, 0}, within(1e-4));
  }

  @Test
  void refusesTooFewOrUnevenEmbeddings() {
    assertThatThrownBy(() -> PcaProjection.fit(List.of(new float[] {1, 2})))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PcaProjection.fit(List.of(new float[] {1, 2}, new float[] {1})))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
