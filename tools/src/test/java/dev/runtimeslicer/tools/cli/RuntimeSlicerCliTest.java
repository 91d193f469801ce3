package dev.runtimeslicer.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The whole command line of runtimeslicer.jar: every command is there, and the offline ones report
 * user errors in one line.
 */
class RuntimeSlicerCliTest {

  @TempDir Path dir;

  private record Run(int exitCode, String err) {}

  private static Run run(String... args) {
    CommandLine commandLine = RuntimeSlicerCli.commandLine();
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, err.toString());
  }

  @Test
  void aMissingInputIsOneLineAndExitCodeTwo() {
    Run train =
        run(
            "train",
            "--slices",
            dir.resolve("missing").toString(),
            "--out",
            dir.resolve("bundle").toString());
    Run tune =
        run("tune", "--bundle", dir.resolve("no-bundle").toString(), "--slices", dir.toString());

    assertThat(train.exitCode()).isEqualTo(2);
    assertThat(train.err().lines())
        .singleElement()
        .asString()
        .startsWith("train: not a directory of slice files: " + dir.resolve("missing"))
        .endsWith("(--verbose shows where)");
    assertThat(tune.exitCode()).isEqualTo(2);
    assertThat(tune.err().lines())
        .singleElement()
        .asString()
        .startsWith("tune: no model bundle at " + dir.resolve("no-bundle"));
  }

  @Test
  void evaluateRefusesTwoEncodersAndAWeightOutsideAShare() {
    Run both = evaluate("--pretrained", "--bundle", dir.toString());
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("--pretrained and --bundle both name the encoder");

    Run weight = evaluate("--embedding-weight", "1.5");
    assertThat(weight.exitCode()).isEqualTo(2);
    assertThat(weight.err()).contains("--embedding-weight is a share in [0, 1], was 1.5");

    Run states = evaluate("--max-states", "0");
    assertThat(states.exitCode()).isEqualTo(2);
    assertThat(states.err()).contains("--max-states must be at least 1, was 0");
  }

  /** {@code evaluate} on this test's directory with {@code options} added. */
  private Run evaluate(String... options) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "evaluate",
            "--input",
            dir.toString(),
            "--labels",
            dir.resolve("labels.jsonl").toString(),
            "--out",
            dir.resolve("out").toString()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  @Test
  void verboseShowsTheStackTrace() {
    Run tune =
        run(
            "tune",
            "--bundle",
            dir.resolve("no-bundle").toString(),
            "--slices",
            dir.toString(),
            "--verbose");

    assertThat(tune.exitCode()).isEqualTo(1);
    assertThat(tune.err())
        .contains("InvalidBundleException")
        .contains("\tat dev.runtimeslicer.model.embedding.ModelBundle");
  }

  @Test
  void listsEveryCommandInHelp() {
    StringWriter out = new StringWriter();
    CommandLine cli = RuntimeSlicerCli.commandLine();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute("--help")).isZero();
    assertThat(out.toString())
        .contains("slices", "detect", "simulate", "train", "tune", "evaluate", "demo", "help");
  }

  @Test
  void everyCommandIsListedWithAWholeSentenceThatFitsTheLine() {
    // the command list shows a command's header, else the first line of its description
    RuntimeSlicerCli.commandLine()
        .getSubcommands()
        .forEach(
            (name, command) -> {
              CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
              String listed =
                  usage.header().length > 0 ? usage.header()[0] : usage.description()[0];
              assertThat(listed)
                  .as(name)
                  .endsWith(".")
                  .doesNotContain("%n")
                  .hasSizeLessThanOrEqualTo(68);
            });
  }
}
