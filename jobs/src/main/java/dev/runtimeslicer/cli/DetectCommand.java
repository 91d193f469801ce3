package dev.runtimeslicer.cli;

import dev.runtimeslicer.jobs.DetectJob;
import dev.runtimeslicer.jobs.DetectJobConfig;
import dev.runtimeslicer.jobs.DetectJobOptions;
import dev.runtimeslicer.jobs.DetectSinks;
import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.jobs.KafkaReachability;
import dev.runtimeslicer.jobs.SliceJobOptions;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.io.File;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code detect}: the whole online failure-management job, from OTLP to alerts. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Online failure management: slices OTLP telemetry, embeds every slice with the bundle's encoder, assigns its runtime",
      "state, scores, triages and localizes it with the tuned heads, and raises alerts (firing, then resolved).",
      "Kafka mode (--bootstrap) runs until stopped (or, with --bounded, up to the topics' current end); alerts go to",
      "the sinks of alert.sinks (Kafka topic runtimeslicer-alerts by default, Prometheus Alertmanager). Replay mode",
      "(--input) runs over Collector files in BATCH mode and writes alerts and window assessments to --out.",
      "Runs on a local MiniCluster; submit runtimeslicer-flink.jar with 'flink run' for a cluster."
    })
public final class DetectCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--bundle", required = true, paramLabel = "DIR", description = "Tuned model bundle (train, then tune).")
  File bundle;

  @Option(names = "--bootstrap", paramLabel = "HOST:PORT", description = "Kafka brokers of the OTLP topics.")
  String bootstrap;

  @Option(names = "--input", paramLabel = "DIR", description = "Collector file-exporter files to replay.")
  File input;

  @Option(names = "--out", paramLabel = "DIR", description = "Also write alerts, assessments, slices and dead letters as JSON lines here.")
  File out;

  @Option(names = "--bounded", description = "With --bootstrap: read the topics up to their end at start, in BATCH mode, then finish.")
  boolean bounded;

  @Option(names = "--bounded-stream", hidden = true,
      description = "With --bootstrap: read up to the topics' end at start but in STREAMING mode (alerts as windows close).")
  boolean boundedStream;

  @Option(names = "--print-alerts", negatable = true, defaultValue = "true", fallbackValue = "true",
      description = "Print each alert notification to standard output (default: ${DEFAULT-VALUE}).")
  boolean printAlerts;

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
      throw new CommandLine.ParameterException(spec.commandLine(), "file replay needs --out DIR for the alerts");
    }
    if ((bounded || boundedStream) && bootstrap == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--bounded applies to --bootstrap; a file replay always ends with its input");
    }
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.put(DetectJobOptions.BUNDLE.key(), bundle.getAbsolutePath());
    if (bootstrap != null) {
      all.put(SliceJobOptions.BOOTSTRAP_SERVERS.key(), bootstrap);
    }
    DetectJobConfig config;
    try {
      config = DetectJobConfig.fromMap(all);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (bootstrap != null) {
      try {
        KafkaReachability.check(config.slicing(), KafkaReachability.DEFAULT_TIMEOUT);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (out != null) {
      Files.createDirectories(out.toPath());
    }
    boolean batch = input != null || bounded;
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
        JobEnvironment.flinkConfiguration(config.slicing(), batch));
    if (parallelism != null) {
      env.setParallelism(parallelism);
    }
    DataStream<TelemetryRecord> telemetry = input != null
        ? TelemetrySources.files(env, input.getAbsolutePath(), config.slicing())
        : TelemetrySources.kafka(env, config.slicing(), bounded || boundedStream);
    DetectJob.DetectStreams streams = DetectJob.defineWorkflow(telemetry, config);
    if (bootstrap != null) {
      DetectSinks.toKafkaAndAlertmanager(streams, config);
    } else if (config.alertSinks().contains(DetectJobOptions.AlertSink.ALERTMANAGER)) {
      DetectSinks.alertmanager(streams, config);
    }
    if (out != null) {
      DetectSinks.toFiles(streams, out.getAbsolutePath());
    }
    if (printAlerts) {
      DetectSinks.toConsole(streams);
    }
    env.execute(input != null ? "runtimeslicer detect (replay)" : "runtimeslicer detect");
    return 0;
  }
}
