package dev.runtimeslicer.cli;

import dev.runtimeslicer.jobs.SliceJob;
import dev.runtimeslicer.jobs.SliceJobConfig;
import dev.runtimeslicer.jobs.SliceJobOptions;
import dev.runtimeslicer.jobs.SliceSinks;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.jobs.KafkaReachability;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slices}: cut OTLP telemetry from Kafka or from Collector files into runtime slices. */
@Command(
    name = "slices",
    mixinStandardHelpOptions = true,
    description = {
      "Cut OTLP telemetry into runtime slices: per system, sliding event-time windows with the metrics, traces and logs of every service.",
      "Kafka mode (--bootstrap) runs until stopped: slices go to the slices topic (and to --out if given), bad input to the dead-letter topic.",
      "Replay mode (--input) reads Collector file-exporter files (OTLP/JSON lines, plain or gzip) and exits when they end.",
      "With --bootstrap --bounded, the topics are read up to their current end, then the job finishes."
    })
public final class SlicesCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka brokers to read the OTLP topics from.")
  String bootstrap;

  @Option(names = "--input", paramLabel = "DIR", description = "Directory of Collector file-exporter files to replay.")
  File input;

  @Option(names = "--out", paramLabel = "DIR", description = "Directory for slices/*.jsonl and dead-letters/*.jsonl.")
  File out;

  @Option(names = "--bounded", description = "With --bootstrap: read the topics up to their latest offsets at start, then finish.")
  boolean bounded;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A job setting (see the README's configuration table); repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--parallelism", description = "Flink parallelism (default: Flink's, the number of cores locally).")
  Integer parallelism;

  @Override
  public Integer call() throws Exception {
    if ((bootstrap == null) == (input == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "give exactly one of --bootstrap (Kafka) or --input (file replay)");
    }
    if (input != null && out == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "file replay needs --out DIR for the slices");
    }
    if (bounded && bootstrap == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--bounded applies to --bootstrap; a file replay always ends with its input");
    }
    if (input != null && !input.isDirectory()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--input " + input + " is not a directory of telemetry files");
    }
    Map<String, String> all = new LinkedHashMap<>(settings);
    if (bootstrap != null) {
      all.put(SliceJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
    }
    SliceJobConfig config;
    try {
      config = SliceJobConfig.fromMap(all);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
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

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobEnvironment.flinkConfiguration(config, input != null || bounded));
    if (parallelism != null) {
      env.setParallelism(parallelism);
    }

    DataStream<TelemetryRecord> telemetry = input != null
        ? TelemetrySources.files(env, input.getAbsolutePath(), config)
        : TelemetrySources.kafka(env, config, bounded);
    SliceJob.SliceStreams streams = SliceJob.defineWorkflow(telemetry, config);
    if (bootstrap != null) {
      SliceSinks.toKafka(streams, config);
    }
    if (out != null) {
      SliceSinks.toFiles(streams, out.getAbsolutePath());
    }
    JobExecutionResult result = env.execute(input != null ? "runtimeslicer slices (replay)" : "runtimeslicer slices");
    if (out != null) {
      spec.commandLine().getOut().printf("slices: %d lines in %s, dead letters: %d lines in %s (%.1f s)%n",
          countLines(out.toPath().resolve(SliceSinks.SLICES_DIR)), out.toPath().resolve(SliceSinks.SLICES_DIR),
          countLines(out.toPath().resolve(SliceSinks.DEAD_LETTERS_DIR)), out.toPath().resolve(SliceSinks.DEAD_LETTERS_DIR),
          result.getNetRuntime() / 1000.0);
    }
    return 0;
  }

  private static long countLines(Path directory) throws java.io.IOException {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    long lines = 0;
    try (var files = Files.walk(directory)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))::iterator) {
        try (var reader = Files.newBufferedReader(file)) {
          lines += reader.lines().count();
        }
      }
    }
    return lines;
  }
}
