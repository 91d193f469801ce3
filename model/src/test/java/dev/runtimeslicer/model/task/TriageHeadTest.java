package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageHeadTest {

  private final TriageHead head =
      new TriageHead(List.of("cpu", "network"), new float[][] {{1, 0}, {0, 1}}, 0.1, 0.6, 0.25, 3);

  @Test
  void namesTheNearestPrototypeWithCalibratedProbabilities() {
    Triage triage = head.classify(new float[] {3, 0.5f});
    assertThat(triage.type()).isEqualTo("cpu");
    assertThat(triage.probability()).isGreaterThan(0.9);
    assertThat(Arrays.stream(head.probabilities(new float[] {3, 0.5f})).sum())
        .isCloseTo(1.0, within(1e-9));
  }

  @Test
  void saysUnknownWhenNoTypeIsLikelyEnough() {
    Triage triage = head.classify(new float[] {1, 1});
    assertThat(triage.type()).isEqualTo(TriageHead.UNKNOWN);
    assertThat(triage.probability()).isCloseTo(0.5, within(1e-6));
  }
}
