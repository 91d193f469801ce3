package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TrainCommandTest {

  @TempDir Path dir;

  @Test
  void trainsABundleThatTheEncoderLoads() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Path bundle = dir.resolve("bundle");
    int exit =
        new CommandLine(new TrainCommand(new PrintStream(out, true, StandardCharsets.UTF_8)))
            .execute(
                "--slices",
                TestData.slices().toString(),
                "--out",
                bundle.toString(),
                "--epochs",
                "1",
                "--dim",
                "24",
                "--hidden",
                "16",
                "--batch",
                "32",
                "--anchors-per-epoch",
                "64",
                "--seed",
                "5");

    assertThat(exit).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("read 150 slices", "epoch   1/1", "bundle written");
    ModelBundle loaded = ModelBundle.load(bundle);
    assertThat(loaded.dimensions().embedding()).isEqualTo(24);
    assertThat(loaded.training()).containsKeys("config", "metrics");
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      List<SliceEmbedding> embeddings =
          encoder.embed(SliceFiles.readAll(List.of(TestData.slices())).subList(0, 3));
      assertThat(embeddings).hasSize(3);
      assertThat(embeddings.get(0).embedding()).hasSize(24);
      assertThat(embeddings.get(0).services()).isNotEmpty();
    }
  }

  @Test
  void rejectsAMissingSlicesOption() {
    int exit =
        new CommandLine(new TrainCommand(new PrintStream(new ByteArrayOutputStream())))
            .setErr(new java.io.PrintWriter(new ByteArrayOutputStream()))
            .execute("--out", dir.toString());
    assertThat(exit).isEqualTo(2);
  }
}
