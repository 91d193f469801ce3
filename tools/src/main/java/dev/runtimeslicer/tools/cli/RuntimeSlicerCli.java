package dev.runtimeslicer.tools.cli;

import dev.runtimeslicer.jobs.cli.RuntimeSlicerCommand;
import dev.runtimeslicer.simulator.cli.SimulateCommand;
import dev.runtimeslicer.training.TrainCommand;
import dev.runtimeslicer.training.TuneCommand;
import picocli.CommandLine;

/**
 * The {@code runtimeslicer} command line of runtimeslicer.jar: the job commands and every offline
 * tool.
 */
public final class RuntimeSlicerCli {

  private RuntimeSlicerCli() {}

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line, also used by tests. */
  public static CommandLine commandLine() {
    return RuntimeSlicerCommand.commandLine(
        new SimulateCommand(),
        new TrainCommand(),
        new TuneCommand(),
        new EvaluateCommand(),
        new DemoCommand());
  }
}
