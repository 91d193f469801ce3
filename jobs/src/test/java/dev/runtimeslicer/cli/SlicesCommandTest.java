package dev.runtimeslicer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SlicesCommandTest {

  @TempDir
  Path temp;

  private final StringWriter errors = new StringWriter();

  private int run(String... args) {
    CommandLine cli = RuntimeSlicerCli.commandLine();
    cli.setErr(new PrintWriter(errors));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void needsExactlyOneInput() {
    assertThat(run("slices", "--out", temp.toString())).isEqualTo(2);
    assertThat(errors.toString()).contains("exactly one of --bootstrap (Kafka) or --input (file replay)");
  }

  @Test
  void replayNeedsAnOutputDirectory() {
    assertThat(run("slices", "--input", temp.toString())).isEqualTo(2);
    assertThat(errors.toString()).contains("--out DIR");
  }

  @Test
  void rejectsUnknownSettingsNamingThem() {
    assertThat(run("slices", "--input", temp.toString(), "--out", temp.resolve("o").toString(), "--set", "slice.windw-size=30s")).isEqualTo(2);
    assertThat(errors.toString()).contains("unknown setting 'slice.windw-size'");
  }

  @Test
  void rejectsAWindowThatIsNotAMultipleOfTheSlide() {
    assertThat(run("slices", "--input", temp.toString(), "--out", temp.resolve("o").toString(),
        "--set", "slice.window-size=25s", "--set", "slice.slide=10s")).isEqualTo(2);
    assertThat(errors.toString()).contains("must be a positive multiple of the slide");
  }

  @Test
  void listsEveryCommandInHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = RuntimeSlicerCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString()).contains("slices", "simulate", "train");
  }
}
