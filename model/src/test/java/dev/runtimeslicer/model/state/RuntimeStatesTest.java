package dev.runtimeslicer.model.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RuntimeStatesTest {

  private final RuntimeStates states =
      new RuntimeStates(new float[][] {{1, 0}, {0, 1}}, new double[] {0.5, 0.2}, new int[] {10, 5});

  @Test
  void assignsTheNearestStateAndMarksFarEmbeddingsNovel() {
    StateAssignment near = states.assign(new float[] {0.9f, 0.1f});
    assertThat(near.state()).isZero();
    assertThat(near.novel()).isFalse();
    StateAssignment far = states.assign(new float[] {0.2f, 0.6f});
    assertThat(far.state()).isEqualTo(1);
    assertThat(far.distance()).isGreaterThan(0.2);
    assertThat(far.novel()).isTrue();
  }

  @Test
  void rejectsMismatchedShapesWithTheNumbers() {
    assertThatThrownBy(() -> states.assign(new float[3])).hasMessageContaining("dimension 3");
    assertThatThrownBy(
            () -> new RuntimeStates(new float[][] {{1, 0}}, new double[] {1, 2}, new int[] {1}))
        .hasMessageContaining("1 centroids");
  }
}
