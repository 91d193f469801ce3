package dev.runtimeslicer.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SlicesCommandTest {

  @TempDir Path temp;

  private final StringWriter errors = new StringWriter();

  /** A directory holding one (empty) telemetry file, so replay checks pass. */
  private String telemetry() throws java.io.IOException {
    Path dir = java.nio.file.Files.createDirectories(temp.resolve("export.2026-12-06"));
    java.nio.file.Files.writeString(dir.resolve("traces.json"), "");
    return dir.toString();
  }

  private int run(String... args) {
    CommandLine cli = RuntimeSlicerCommand.commandLine();
    cli.setErr(new PrintWriter(errors));
    cli.setOut(new PrintWriter(new StringWriter()));
    return cli.execute(args);
  }

  @Test
  void needsExactlyOneInput() {
    assertThat(run("slices", "--out", temp.toString())).isEqualTo(2);
    assertThat(errors.toString())
        .contains("exactly one of --bootstrap (Kafka) or --input (file replay)");
  }

  @Test
  void replayNeedsAnOutputDirectory() {
    assertThat(run("slices", "--input", temp.toString())).isEqualTo(2);
    assertThat(errors.toString()).contains("--out DIR");
  }

  @Test
  void rejectsUnknownSettingsNamingThem() throws Exception {
    assertThat(
            run(
                "slices",
                "--input",
                telemetry(),
                "--out",
                temp.resolve("o").toString(),
                "--set",
                "slice.windw-size=30s"))
        .isEqualTo(2);
    assertThat(errors.toString()).contains("unknown setting 'slice.windw-size'");
  }

  @Test
  void rejectsAWindowThatIsNotAMultipleOfTheSlide() throws Exception {
    assertThat(
            run(
                "slices",
                "--input",
                telemetry(),
                "--out",
                temp.resolve("o").toString(),
                "--set",
                "slice.window-size=25s",
                "--set",
                "slice.slide=10s"))
        .isEqualTo(2);
    assertThat(errors.toString()).contains("must be a positive multiple of the slide");
  }

  @Test
  void aMissingInputDirectoryOrBundleIsAUsageErrorNamingIt() throws Exception {
    assertThat(
            run(
                "slices",
                "--input",
                temp.resolve("nope").toString(),
                "--out",
                temp.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(errors.toString())
        .contains("--input " + temp.resolve("nope") + " is not a directory");
    // detect shares the job commands' options and checks, and checks its bundle up front
    assertThat(
            run(
                "detect",
                "--bundle",
                temp.toString(),
                "--input",
                temp.resolve("nope").toString(),
                "--out",
                temp.toString()))
        .isEqualTo(2);
    assertThat(errors.toString())
        .contains("--input " + temp.resolve("nope") + " is not a directory");
    assertThat(
            run(
                "detect",
                "--bundle",
                temp.resolve("no-bundle").toString(),
                "--input",
                telemetry(),
                "--out",
                temp.toString()))
        .isEqualTo(2);
    assertThat(errors.toString())
        .contains("--bundle " + temp.resolve("no-bundle") + " is not a model bundle directory");
  }

  @Test
  void anInputDirectoryWithoutTelemetryFilesIsAUsageErrorSayingWhatIsRead() throws Exception {
    Path labelsOnly = java.nio.file.Files.createDirectories(temp.resolve("labels-only"));
    java.nio.file.Files.writeString(labelsOnly.resolve("labels.jsonl"), "");
    java.nio.file.Files.writeString(labelsOnly.resolve("notes.txt"), "");

    assertThat(
            run("slices", "--input", labelsOnly.toString(), "--out", temp.resolve("o").toString()))
        .isEqualTo(2);
    assertThat(errors.toString()).contains("holds no telemetry files", "*.json, *.jsonl");
  }

  @Test
  void anUnreachableBrokerIsAUsageError() throws Exception {
    int port;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    assertThat(run("slices", "--bootstrap", "127.0.0.1:" + port)).isEqualTo(2);
    assertThat(errors.toString()).contains("cannot reach Kafka at 127.0.0.1:" + port);
  }

  @Test
  void theClusterJarsCommandLineHasTheJobCommandsOnly() {
    StringWriter out = new StringWriter();
    CommandLine cli = RuntimeSlicerCommand.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("slices", "detect", "help")
        .doesNotContain("simulate", "train");
  }
}
