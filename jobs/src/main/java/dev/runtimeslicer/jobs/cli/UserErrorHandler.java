package dev.runtimeslicer.jobs.cli;

import dev.runtimeslicer.model.embedding.InvalidBundleException;
import java.io.FileNotFoundException;
import java.nio.file.FileSystemException;
import java.util.Set;
import picocli.CommandLine;

/**
 * Reports an error the user can fix (a missing or wrong path, a bundle that is not one, a bad
 * value) in one line on standard error with exit code 2, as picocli reports a bad option; any other
 * failure, and every failure under {@code --verbose}, with its stack trace and exit code 1.
 */
final class UserErrorHandler implements CommandLine.IExecutionExceptionHandler {

  static final String VERBOSE = "--verbose";
  static final int USER_ERROR = 2;

  private static final Set<Class<? extends Exception>> USER_ERRORS =
      Set.of(
          InvalidBundleException.class,
          IllegalArgumentException.class,
          FileSystemException.class,
          FileNotFoundException.class);

  @Override
  public int handleExecutionException(
      Exception exception, CommandLine commandLine, CommandLine.ParseResult parseResult)
      throws Exception {
    if (!isUserError(exception) || verbose(parseResult)) {
      throw exception; // picocli prints the trace and exits 1
    }
    commandLine
        .getErr()
        .println(
            commandLine.getCommandName()
                + ": "
                + message(exception)
                + " ("
                + VERBOSE
                + " shows where)");
    return USER_ERROR;
  }

  private static boolean isUserError(Exception exception) {
    return USER_ERRORS.stream().anyMatch(type -> type.isInstance(exception));
  }

  static boolean verbose(CommandLine.ParseResult parseResult) {
    return parseResult.asCommandLineList().stream()
        .anyMatch(
            line ->
                line.getParseResult() != null && line.getParseResult().hasMatchedOption(VERBOSE));
  }

  /** The exception's message; a file system error names its file, which is all its message says. */
  private static String message(Exception exception) {
    if (exception instanceof FileSystemException files && files.getReason() == null) {
      return "no such file or directory: " + files.getFile();
    }
    return exception.getMessage() == null
        ? exception.getClass().getSimpleName()
        : exception.getMessage();
  }
}
