package dev.runtimeslicer.model.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultLabelJsonTest {

  @TempDir Path dir;

  @Test
  void writesTheDocumentedFieldsInOrderAndLeavesOutRootCausePartsNotGiven() {
    FaultLabel node = new FaultLabel("shop", "f1", "node_cpu", 1000, 61_000, null, null, "node-2");
    FaultLabel instance =
        new FaultLabel("shop", "f2", "pod_kill", 2000, 62_000, "cart", "cart-0", "node-1");

    assertThat(FaultLabelJson.write(node))
        .isEqualTo(
            "{\"system\":\"shop\",\"id\":\"f1\",\"type\":\"node_cpu\",\"start\":1000,\"end\":61000,"
                + "\"rootCause\":{\"node\":\"node-2\"}}");
    assertThat(FaultLabelJson.parse(FaultLabelJson.write(instance), "test")).isEqualTo(instance);
    assertThat(FaultLabelJson.parse(FaultLabelJson.write(node), "test").rootCauseService())
        .isEmpty();
  }

  @Test
  void readsAFileSkippingBlankLinesAndNamesTheLineOfABadOne() throws Exception {
    Path file = dir.resolve("labels.jsonl");
    FaultLabel label = new FaultLabel("shop", "f1", "latency", 0, 10, "cart", "", "");
    Files.write(
        file,
        List.of(
            FaultLabelJson.write(label),
            "",
            "{\"system\":\"shop\",\"id\":\"f2\",\"type\":\"latency\",\"start\":5}"));

    assertThatThrownBy(() -> FaultLabelJson.read(file))
        .hasMessageContaining(file + ":3")
        .hasMessageContaining("'end'");
    Files.write(file, List.of(FaultLabelJson.write(label), ""));
    assertThat(FaultLabelJson.read(file)).containsExactly(label);
  }
}
