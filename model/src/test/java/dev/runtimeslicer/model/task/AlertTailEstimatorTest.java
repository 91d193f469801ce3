package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AlertTailEstimatorTest {

  private static final double F = AlertTailEstimator.FIRED;

  @Test
  void excursionsAreDeclusteredByTheResolvingWindows() {
    // Two runs above 1 apart by two windows are one excursion at three resolving windows.
    List<Double> levels = List.of(0.5, 1.5, 0.5, 0.5, 2.5, 0.5, 0.5, 0.5, 3.0, 0.5);
    assertThat(AlertTailEstimator.peaks(List.of(levels), 1, 3)).containsExactly(2.5, 3.0);
    assertThat(AlertTailEstimator.peaks(List.of(levels), 1, 2)).containsExactly(1.5, 2.5, 3.0);
  }

  @Test
  void anExcursionThatFiredIsLeftOutWholeWithItsFlanks() {
    List<Double> levels = List.of(0.5, 1.5, 1.8, F, F, 1.9, 0.5, 0.5, 0.5, 1.2, 0.5, 0.5, 0.5);
    assertThat(AlertTailEstimator.peaks(List.of(levels), 1, 3)).containsExactly(1.2);
    // An excursion still open at the end of a stretch counts unless it fired.
    assertThat(AlertTailEstimator.peaks(List.of(List.of(0.5, 1.4), List.of(0.5, F)), 1, 3))
        .containsExactly(1.4);
  }

  @Test
  void firedLevelsDoNotSetTheBase() {
    List<Double> calm = new java.util.ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      calm.add((i * 37 % 100) / 100.0);
    }
    List<Double> withFired = new java.util.ArrayList<>(calm);
    for (int i = 0; i < 100; i++) {
      withFired.set(i * 10, F);
    }
    AlertTail tail = AlertTailEstimator.fit(List.of(withFired), 1, 1);
    assertThat(tail.baseNines()).isLessThan(1);
    assertThat(AlertTailEstimator.fit(List.of(List.of(F, F)), 1, 3)).isNull();
  }
}
