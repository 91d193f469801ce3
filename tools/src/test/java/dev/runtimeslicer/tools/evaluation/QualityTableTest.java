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

  @Test
  void aRunReplacesItsOwnRowAndKeepsTheRowsOfRunsNotMadeAgain() throws Exception {
    Path run = Files.createDirectories(temp.resolve("shop/labels"));
    Files.writeString(run.resolve("metrics.json"), "{\"detection.f1\": 0.9}");
    QualityTable.Run shop = QualityTable.Run.parse("shop-11:dev:labels=" + run);
    String header = QualityTable.csv(List.of(shop)).lines().findFirst().orElseThrow();
    String existing =
        String.join(
            "\n",
            header,
            "nezha,blind,labels,\"all, labels\",0.767",
            "shop-11,dev,labels,old,0.500",
            "nezha,blind,no-labels,none,0.726");

    List<String> merged = QualityTable.merged(existing, List.of(shop)).lines().toList();

    assertThat(merged).hasSize(4);
    assertThat(merged.get(1)).isEqualTo("nezha,blind,labels,\"all, labels\",0.767");
    assertThat(merged.get(2)).startsWith("shop-11,dev,labels,,0.900,");
    assertThat(merged.get(3)).isEqualTo("nezha,blind,no-labels,none,0.726");
    // Rows written under other columns are not kept: their cells would be misread.
    assertThat(QualityTable.merged("set,role,variant,f1\nnezha,blind,labels,0.7", List.of(shop)))
        .isEqualTo(QualityTable.csv(List.of(shop)));
  }
}
