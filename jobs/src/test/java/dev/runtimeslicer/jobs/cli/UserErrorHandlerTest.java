package dev.runtimeslicer.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.InvalidBundleException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class UserErrorHandlerTest {

  private record Run(int exitCode, String err) {}

  /** A command that fails with the exception it is given, under a top command with --verbose. */
  @Command(name = "fail")
  static final class FailingCommand implements Callable<Integer> {
    private final Exception failure;

    FailingCommand(Exception failure) {
      this.failure = failure;
    }

    @Override
    public Integer call() throws Exception {
      throw failure;
    }
  }

  private static Run run(Exception failure, String... args) {
    CommandLine commandLine = RuntimeSlicerCommand.commandLine(new FailingCommand(failure));
    StringWriter err = new StringWriter();
    commandLine.setErr(new PrintWriter(err, true));
    int exitCode = commandLine.execute(args);
    return new Run(exitCode, err.toString());
  }

  @Test
  void anErrorTheUserCanFixIsOneLineWithExitCodeTwo() {
    Run bundle = run(new InvalidBundleException("no model bundle at /x"), "fail");
    Run file = run(new NoSuchFileException("/data/labels.jsonl"), "fail");

    assertThat(bundle.exitCode()).isEqualTo(2);
    assertThat(bundle.err().lines())
        .singleElement()
        .asString()
        .isEqualTo("fail: no model bundle at /x (--verbose shows where)");
    assertThat(file.exitCode()).isEqualTo(2);
    assertThat(file.err().lines())
        .singleElement()
        .asString()
        .startsWith("fail: ")
        .contains("/data/labels.jsonl");
  }

  @Test
  void verboseAndUnexpectedFailuresShowTheStackTrace() {
    Run verbose = run(new InvalidBundleException("no model bundle at /x"), "fail", "--verbose");
    Run bug = run(new IllegalStateException("a bug"), "fail");

    assertThat(verbose.exitCode()).isEqualTo(1);
    assertThat(verbose.err()).contains("InvalidBundleException").contains("\tat ");
    assertThat(bug.exitCode()).isEqualTo(1);
    assertThat(bug.err()).contains("IllegalStateException: a bug").contains("\tat ");
  }
}
