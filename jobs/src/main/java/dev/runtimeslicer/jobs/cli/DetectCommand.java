package dev.runtimeslicer.jobs.cli;

import dev.runtimeslicer.jobs.DetectJob;
import dev.runtimeslicer.jobs.DetectJobOptions;
import dev.runtimeslicer.jobs.DetectJobSettings;
import dev.runtimeslicer.jobs.DetectSinks;
import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.embedding.BundleLocation;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.TimeUtils;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code detect}: the whole online failure-management job, from OTLP to alerts. */
@Command(
    name = "detect",
    mixinStandardHelpOptions = true,
    description = {
      "Detects, triages and localizes failures online and raises alerts.",
      "%nSlices OTLP telemetry, embeds every slice with the bundle's encoder, assigns its runtime"
          + " state, scores, triages and localizes it with the tuned heads, and raises alerts"
          + " (firing, then resolved).",
      "%nKafka mode (--bootstrap) runs until stopped (or, with --bounded, up to the topics' current"
          + " end); alerts go to the sinks of alert.sinks (Kafka topic runtimeslicer-alerts by"
          + " default, Prometheus Alertmanager). Replay mode (--input) runs over Collector files in"
          + " BATCH mode and writes alerts and window assessments to --out.",
      "%nRuns on a local MiniCluster; submit runtimeslicer-flink.jar with 'flink run' for a"
          + " cluster."
    })
public final class DetectCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--bundle",
      paramLabel = "DIR|URI",
      description =
          "Tuned model bundle (train, then tune): a directory, or a Flink file system URI such as"
              + " s3://bucket/bundle. Default: the pretrained bundle in the jar, which scores each"
              + " system on its own telemetry once it has seen alert.tail-warm-up of it.")
  String bundle;

  @CommandLine.Mixin JobIoOptions io = new JobIoOptions();

  @Option(
      names = "--bounded-stream",
      hidden = true,
      description =
          "With --bootstrap: read up to the topics' end at start but in STREAMING mode (alerts as"
              + " windows close).")
  boolean boundedStream;

  @Option(
      names = "--print-alerts",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Print each alert notification to standard output (default: ${DEFAULT-VALUE}).")
  boolean printAlerts;

  @Override
  public Integer call() throws Exception {
    io.check(spec, boundedStream);
    Map<String, String> all = io.settings();
    // Without --bundle, model.bundle from --set, else its default: the pretrained bundle.
    if (bundle != null) {
      BundleLocation location;
      try {
        location = BundleLocation.of(bundle);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), "--bundle " + bundle + ": " + e.getMessage());
      }
      if (location.isLocal() && !location.localDirectory().toFile().isDirectory()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "--bundle " + bundle + " is not a model bundle directory (train, then tune, make one)");
      }
      all.put(DetectJobOptions.BUNDLE.key(), location.toString());
    }
    DetectJobSettings config;
    try {
      config = DetectJobSettings.fromMap(all);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    io.prepare(spec, config.slicing());
    if (config.bundle().isPretrained()) {
      spec.commandLine()
          .getErr()
          .printf(
              "detect: no --bundle, so the pretrained bundle in the jar: each system is scored on"
                  + " its own telemetry once it has sent %s of it (%s); tune a bundle on your"
                  + " systems for triage and earlier detection%n",
              TimeUtils.formatWithHighestUnit(config.get(DetectJobOptions.LIVE_TAIL_WARM_UP)),
              DetectJobOptions.LIVE_TAIL_WARM_UP.key());
    }
    boolean batch = io.input != null || io.bounded;
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config.slicing(), batch));
    io.applyParallelism(env);
    DataStream<TelemetryRecord> telemetry =
        io.input != null
            ? TelemetrySources.files(env, io.input.getAbsolutePath(), config.slicing())
            : TelemetrySources.kafka(env, config.slicing(), io.bounded || boundedStream);
    DetectJob.DetectStreams streams = DetectJob.defineWorkflow(telemetry, config);
    if (io.kafka()) {
      DetectSinks.toKafkaAndAlertmanager(streams, config);
    } else if (config.alertSinks().contains(DetectJobOptions.AlertSink.ALERTMANAGER)) {
      DetectSinks.alertmanager(streams, config);
    }
    if (io.out != null) {
      DetectSinks.toFiles(streams, io.out.getAbsolutePath());
    }
    if (printAlerts) {
      DetectSinks.toConsole(streams);
    }
    if (io.input != null) {
      spec.commandLine()
          .getErr()
          .printf(
              "detect: replaying %s in BATCH mode; alerts and assessments are written when the"
                  + " input is read%n",
              TelemetrySources.replayInput(io.input.toPath()).describe());
    }
    // In a stream, a live count of assessed windows, unless alerts print as they fire on the same
    // terminal.
    try (OutputProgress progress =
        io.out == null || io.input != null || printAlerts
            ? null
            : OutputProgress.watch(
                "detect",
                "windows",
                List.of(io.out.toPath().resolve(DetectSinks.ASSESSMENTS_DIR)))) {
      env.execute(io.input != null ? "runtimeslicer detect (replay)" : "runtimeslicer detect");
    }
    return 0;
  }
}
