package dev.runtimeslicer.jobs.cli;

import dev.runtimeslicer.jobs.KafkaReachability;
import dev.runtimeslicer.jobs.SliceJobOptions;
import dev.runtimeslicer.jobs.SliceJobSettings;
import dev.runtimeslicer.jobs.TelemetrySources;
import java.io.File;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * The options the job commands ({@code slices}, {@code detect}) share, and their checks, in one
 * place: where telemetry comes from (Kafka or Collector files), where files go, job settings and
 * parallelism.
 */
public final class JobIoOptions {

  @Option(
      names = "--bootstrap",
      paramLabel = "HOST:PORT",
      description = "Kafka brokers of the OTLP topics (Kafka mode).")
  String bootstrap;

  @Option(
      names = "--input",
      paramLabel = "DIR",
      description = "Directory of Collector file-exporter files to replay (replay mode).")
  File input;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Directory for the job's outputs as JSON lines (required in replay mode).")
  File out;

  @Option(
      names = "--bounded",
      description = "With --bootstrap: read the topics up to their end at start, then finish.")
  boolean bounded;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "A job setting (see the README's configuration table); repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(
      names = "--parallelism",
      description = "Flink parallelism (default: Flink's, the number of cores locally).")
  Integer parallelism;

  /** Whether telemetry comes from Kafka. */
  boolean kafka() {
    return bootstrap != null;
  }

  /**
   * Fails with a one-line usage error unless exactly one source is named, a replay has an output
   * directory and an existing input directory, and {@code --bounded} (or {@code boundedStream})
   * goes with Kafka.
   */
  void check(CommandLine.Model.CommandSpec spec, boolean boundedStream) {
    if ((bootstrap == null) == (input == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "give exactly one of --bootstrap (Kafka) or --input (file replay)");
    }
    if (input != null && out == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "file replay needs --out DIR for its outputs");
    }
    if ((bounded || boundedStream) && bootstrap == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--bounded applies to --bootstrap; a file replay always ends with its input");
    }
    if (input != null && !input.isDirectory()) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--input " + input + " is not a directory of telemetry files");
    }
    if (input != null && !hasTelemetryFiles(input)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--input "
              + input
              + " holds no telemetry files: the replay reads *.json, *.jsonl (OTLP/JSON lines as"
              + " the Collector's file exporter writes them) and their .gz, except labels* and"
              + " hidden files");
    }
  }

  private static boolean hasTelemetryFiles(File directory) {
    try {
      return TelemetrySources.hasTelemetryFiles(directory.toPath());
    } catch (java.io.IOException e) {
      return true; // unreadable here: let the job say what is wrong
    }
  }

  /** The {@code --set} settings, with the brokers of {@code --bootstrap}. */
  Map<String, String> settings() {
    Map<String, String> all = new LinkedHashMap<>(settings);
    if (bootstrap != null) {
      all.put(SliceJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
    }
    return all;
  }

  /**
   * In Kafka mode, fails with a one-line usage error unless the brokers answer; creates {@code
   * --out}.
   */
  void prepare(CommandLine.Model.CommandSpec spec, SliceJobSettings config)
      throws java.io.IOException {
    if (bootstrap != null) {
      try {
        KafkaReachability.check(config, KafkaReachability.DEFAULT_TIMEOUT);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (out != null) {
      Files.createDirectories(out.toPath());
    }
  }

  /** Applies {@code --parallelism} when given. */
  void applyParallelism(StreamExecutionEnvironment env) {
    if (parallelism != null) {
      env.setParallelism(parallelism);
    }
  }
}
