package dev.runtimeslicer.jobs.cli;

import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The top-level {@code runtimeslicer} command with the job commands (slices, detect). The cluster
 * jar runs it as it is; the full command line adds the offline tools (simulate, train, tune,
 * evaluate, demo) as further subcommands.
 */
@Command(
    name = "runtimeslicer",
    mixinStandardHelpOptions = true,
    version = "RuntimeSlicer 0.1.0",
    description = "Online failure management for microservice systems on Apache Flink.",
    subcommands = {SlicesCommand.class, DetectCommand.class})
public final class RuntimeSlicerCommand implements Runnable {

  /** Loggers the CLI's log4j2.properties sets to ERROR. */
  private static final List<String> LIBRARIES =
      List.of("org.apache.flink", "org.apache.kafka", "ai.djl");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Option(
      names = UserErrorHandler.VERBOSE,
      scope = CommandLine.ScopeType.INHERIT,
      description =
          "Print the libraries' warnings (Flink, Kafka, DJL), and on an error where it happened"
              + " (the stack trace).")
  boolean verbose;

  /** The job commands plus {@code tools} (picocli command objects), then {@code help}. */
  public static CommandLine commandLine(Object... tools) {
    CommandLine commandLine = new CommandLine(new RuntimeSlicerCommand());
    for (Object tool : tools) {
      commandLine.addSubcommand(tool);
    }
    commandLine.addSubcommand(new CommandLine.HelpCommand());
    commandLine.setExecutionStrategy(
        parseResult -> {
          if (UserErrorHandler.verbose(parseResult)) {
            showLibraryWarnings();
          }
          return new CommandLine.RunLast().execute(parseResult);
        });
    // set last: picocli hands a handler to the subcommands present when it is set
    commandLine.setExecutionExceptionHandler(new UserErrorHandler());
    return commandLine;
  }

  /** Under --verbose: the libraries' warnings, which the CLI's log configuration leaves out. */
  private static void showLibraryWarnings() {
    for (String library : LIBRARIES) {
      Configurator.setLevel(library, Level.WARN);
    }
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "name a command, e.g. 'slices'; see --help");
  }
}
