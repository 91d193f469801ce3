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
    subcommands = {SlicesCommand.class, DetectCommand.class, SimulateCommand.class, CommandLine.HelpCommand.class})
public final class RuntimeSlicerCli implements Runnable {

  private static final String TRAIN_COMMAND = "dev.runtimeslicer.training.TrainCommand";
  private static final String TUNE_COMMAND = "dev.runtimeslicer.training.TuneCommand";
  private static final String EVALUATE_COMMAND = "dev.runtimeslicer.cli.EvaluateCommand";

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(names = UserErrorHandler.VERBOSE, scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, print where it happened (the stack trace).")
  boolean verbose;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured picocli command line, also used by tests. */
  public static CommandLine commandLine() {
    CommandLine commandLine = new CommandLine(new RuntimeSlicerCli());
    optionalCommand(commandLine, TRAIN_COMMAND, TRAIN_COMMAND);
    optionalCommand(commandLine, TUNE_COMMAND, TRAIN_COMMAND);
    // Evaluation trains encoders, so it needs the training classes too.
    optionalCommand(commandLine, EVALUATE_COMMAND, TRAIN_COMMAND);
    if (commandLine.getSubcommands().containsKey("train")) {
      // The demo trains a bundle, so it exists only where training does.
      commandLine.addSubcommand(new DemoCommand());
    }
    // set last: picocli hands a handler to the subcommands present when it is set
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    return commandLine;
  }

  /**
   * Adds a command whose classes may be absent: runtimeslicer-flink.jar, the jar for Flink
   * clusters, leaves out offline training and its PyTorch natives, so it cannot name the class.
   */
  private static void optionalCommand(CommandLine commandLine, String className, String requiredClass) {
    try {
      Class.forName(requiredClass);
      commandLine.addSubcommand(Class.forName(className).getDeclaredConstructor().newInstance());
    } catch (ClassNotFoundException e) {
      // not in this jar: the command is simply not offered
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create command " + className, e);
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a command, e.g. 'slices'; see --help");
  }
}
