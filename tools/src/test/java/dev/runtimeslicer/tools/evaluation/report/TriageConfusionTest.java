package dev.runtimeslicer.tools.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.training.scoring.Diagnosis;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageConfusionTest {

  @Test
  void alwaysHasAnUnknownColumnAndAddsNamedTypesThatNoFaultHad() {
    TriageConfusion matrix =
        TriageConfusion.of(
            List.of(
                diagnosis("memory", "memory"),
                diagnosis("memory", "network"),
                diagnosis("cpu", ""),
                diagnosis("cpu", "cpu")));

    assertThat(matrix.trueTypes()).containsExactly("cpu", "memory");
    assertThat(matrix.predictedTypes()).containsExactly("cpu", "memory", "network", "unknown");
    assertThat(matrix.count("memory", "network")).isEqualTo(1);
    assertThat(matrix.count("cpu", "unknown")).as("an empty answer is unknown").isEqualTo(1);
    assertThat(matrix.count("cpu", "memory")).isZero();
    assertThat(matrix.rowTotal("cpu")).isEqualTo(2);
  }

  private static Diagnosis diagnosis(String type, String predicted) {
    return new Diagnosis(
        new FaultLabel("s", type + predicted, type, 0, 1, "svc", "", ""), predicted, List.of());
  }
}
