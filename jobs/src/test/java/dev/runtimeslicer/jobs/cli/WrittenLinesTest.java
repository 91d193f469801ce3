package dev.runtimeslicer.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WrittenLinesTest {

  @TempDir Path out;

  private static void append(Path file, String text) throws Exception {
    Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  @Test
  void countsLinesAsTheyAreWrittenAndAPartOnceAcrossItsCommit() throws Exception {
    Path slices = Files.createDirectories(out.resolve("slices").resolve("2026-12-07--09"));
    Path inProgress = slices.resolve(".part-a1b2-0.inprogress.77aa");
    WrittenLines lines = new WrittenLines(List.of(out.resolve("slices"), out.resolve("missing")));

    assertThat(lines.count()).isZero();
    append(inProgress, "{}\n{}\n{}\n");
    assertThat(lines.count()).isEqualTo(3);
    append(inProgress, "{}\n{}");
    assertThat(lines.count()).isEqualTo(4); // the unfinished last line counts when it ends
    Path committed = slices.resolve("part-a1b2-0");
    Files.move(inProgress, committed);
    append(committed, "\n{}\n");
    append(slices.resolve(".part-a1b2-1.inprogress.88bb"), "{}\n{}\n");
    assertThat(lines.count()).isEqualTo(8);
  }

  @Test
  void aPartIsNamedWithoutItsInProgressMarks() {
    assertThat(WrittenLines.partName(Path.of("x/.part-a1b2-0.inprogress.77aa")))
        .isEqualTo("part-a1b2-0");
    assertThat(WrittenLines.partName(Path.of("x/part-a1b2-0"))).isEqualTo("part-a1b2-0");
  }
}
