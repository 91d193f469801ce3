package dev.runtimeslicer.tools.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TrainingLabelsTest {

  private static List<FaultLabel> faults() {
    List<FaultLabel> out = new ArrayList<>();
    String[] types = {"cpu_saturation", "memory_leak", "packet_loss", "http_5xx"};
    for (int i = 0; i < 20; i++) {
      out.add(
          new FaultLabel(
              "shop",
              "f" + i,
              types[i % types.length],
              i * 600_000L,
              i * 600_000L + 180_000,
              "cart",
              "",
              ""));
    }
    return out;
  }

  @Test
  void heldOutTypesAreLeftOutOfTrainingAndScoredAsUnseen() {
    TrainingLabels labels = new TrainingLabels(Set.of("memory_leak", "packet_loss"), 1, false, 1);
    TrainingLabels.Applied applied = labels.apply(faults());
    assertThat(applied.labeled())
        .hasSize(10)
        .allMatch(f -> !labels.holdoutTypes().contains(f.type()));
    assertThat(applied.excluded())
        .hasSize(10)
        .allMatch(f -> labels.holdoutTypes().contains(f.type()));
    assertThat(labels.unseen(faults()))
        .extracting(FaultLabel::type)
        .containsOnly("memory_leak", "packet_loss");
    assertThat(labels.seen(faults()))
        .extracting(FaultLabel::type)
        .containsOnly("cpu_saturation", "http_5xx");
  }

  @Test
  void aFractionKeepsTheSameSeededShareWhateverTheOrder() {
    TrainingLabels half = new TrainingLabels(Set.of(), 0.5, false, 7);
    List<FaultLabel> shuffled = new ArrayList<>(faults());
    Collections.shuffle(shuffled, new java.util.Random(3));
    assertThat(half.apply(faults()).labeled())
        .hasSize(10)
        .isEqualTo(half.apply(shuffled).labeled());
    assertThat(new TrainingLabels(Set.of(), 0.5, false, 8).apply(faults()).labeled())
        .isNotEqualTo(half.apply(faults()).labeled());
    assertThat(half.apply(faults()).excluded()).isEmpty();
  }

  @Test
  void noLabelsReadsNothingAndLeavesNothingOut() {
    TrainingLabels none = new TrainingLabels(Set.of("memory_leak"), 1, true, 1);
    assertThat(none.apply(faults()).labeled()).isEmpty();
    assertThat(none.apply(faults()).excluded()).isEmpty();
    assertThat(none.unseen(faults())).hasSize(5);
    assertThat(none.describe()).isEqualTo("no labels");
  }

  @Test
  void aFractionOutsideItsRangeSaysWhatToDo() {
    assertThatThrownBy(() -> new TrainingLabels(Set.of(), 0, false, 1))
        .hasMessageContaining("--no-labels");
  }
}
