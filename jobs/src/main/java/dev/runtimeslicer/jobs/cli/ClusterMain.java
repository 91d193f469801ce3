package dev.runtimeslicer.jobs.cli;

import picocli.CommandLine;

/**
 * Entry class of runtimeslicer-flink.jar on a Flink cluster ({@code flink run}, the REST API's
 * {@code /jars/<id>/run}, application mode). The cluster runs {@code main} inside its own JVM (the
 * JobManager's, for REST and application mode), so this never exits the JVM: a command that fails
 * throws, and Flink reports the failure to whoever submitted the job.
 */
public final class ClusterMain {

  private ClusterMain() {}

  public static void main(String[] args) throws Exception {
    CommandLine commandLine = RuntimeSlicerCommand.commandLine();
    // picocli reports what its handlers throw instead of passing it on: keep it and throw it after.
    Exception[] failure = new Exception[1];
    commandLine.setExecutionExceptionHandler(
        (exception, line, parseResult) -> {
          failure[0] = exception;
          return 1;
        });
    commandLine.setParameterExceptionHandler(
        (exception, arguments) -> {
          failure[0] = exception;
          return 2;
        });
    int exitCode = commandLine.execute(args);
    if (failure[0] != null) {
      throw failure[0];
    }
    if (exitCode != 0) {
      throw new IllegalStateException(
          "runtimeslicer " + String.join(" ", args) + " ended with exit code " + exitCode);
    }
  }
}
