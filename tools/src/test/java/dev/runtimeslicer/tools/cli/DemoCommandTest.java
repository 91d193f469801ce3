package dev.runtimeslicer.tools.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoCommandTest {

  @Test
  void theCliOffersTheDemoWhereTrainingIsPresent() {
    CommandLine cli = RuntimeSlicerCli.commandLine();

    assertThat(cli.getSubcommands()).containsKeys("train", "tune", "demo");
  }

  @Test
  void aRepositoryWithoutTheKafkaScriptsIsRefusedWithAdvice() {
    CommandLine cli = RuntimeSlicerCli.commandLine();
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit =
        cli.execute(
            "demo",
            "--repo",
            System.getProperty("java.io.tmpdir"),
            "--work",
            System.getProperty("java.io.tmpdir") + "/demo-command-test");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("deploy/kafka/start.sh not found").contains("--repo");
  }
}
