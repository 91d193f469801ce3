package dev.runtimeslicer.tools.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QualityTableTest {

  @TempDir Path temp;

  @Test
  void oneRowPerRunWithItsRoleAndTheMissingValuesEmpty() throws Exception {
    Path run = Files.createDirectories(temp.resolve("shop/holdout"));
    Files.writeString(
        run.resolve("metrics.json"),
        """
        {"detection.f1": 0.8571428, "detection.detected_faults": 6, "detection.faults": 7,
         "info.trainLabels": "all labels but types [memory_leak, packet_loss] held out",
         "unseen.detection.recall": 0.5, "localization.top3": null}
        """);
    String csv = QualityTable.csv(List.of(QualityTable.Run.parse("shop-11:blind:holdout=" + run)));
    List<String> lines = csv.lines().toList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith("set,role,variant,train_labels,f1,");
    String row = lines.get(1);
    assertThat(row)
        .startsWith(
            "shop-11,blind,holdout,\"all labels but types [memory_leak, packet_loss] held"
                + " out\",0.857,");
    assertThat(row.split(",", -1))
        .hasSize(lines.get(0).split(",", -1).length + 1); // the quoted label holds one comma
    assertThat(row).contains(",6,7,").contains(",0.500,");
  }

  @Test
  void aRunIsNamedWithItsRoleAndAMissingRunSaysWhatToDo() {
    assertThatThrownBy(() -> QualityTable.Run.parse("shop:test:labels=x"))
        .hasMessageContaining("dev or blind");
    assertThatThrownBy(() -> QualityTable.Run.parse("shop=x"))
        .hasMessageContaining("SET:ROLE:VARIANT=DIR");
    assertThatThrownBy(
            () ->
                QualityTable.csv(
                    List.of(QualityTable.Run.parse("shop:dev:labels=" + temp.resolve("none")))))
        .hasMessageContaining("run the evaluation");
  }
}
