package dev.runtimeslicer.cli;

import dev.runtimeslicer.simulator.cli.SimulateCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code runtimeslicer} command line: one executable jar, one subcommand per job or tool. */
@Command(
    name = "runtimeslicer",
    mixinStandardHelpOptions = true,
    version = "RuntimeSlicer 0.1.0",
    description = "Online failure management for microservice systems on Apache Flink.",
    subcommands = {SlicesCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class RuntimeSlicerCli implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line, also used by tests. */
  public static CommandLine commandLine() {
    return new CommandLine(new RuntimeSlicerCli());
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'slices'; see --help");
  }
}
