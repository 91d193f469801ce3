package dev.runtimeslicer.jobs.cli;

import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.jobs.SliceJob;
import dev.runtimeslicer.jobs.SliceJobSettings;
import dev.runtimeslicer.jobs.SliceSinks;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code slices}: cut OTLP telemetry from Kafka or from Collector files into runtime slices. */
@Command(
    name = "slices",
    mixinStandardHelpOptions = true,
    description = {
      "Cuts OTLP telemetry into runtime slices.",
      "%nPer system, sliding event-time windows with the metrics, traces and logs of every"
          + " service.",
      "%nKafka mode (--bootstrap) runs until stopped: slices go to the slices topic (and to --out"
          + " if given), bad input to the dead-letter topic. With --bounded, the topics are read up"
          + " to their current end, then the job finishes.",
      "%nReplay mode (--input) reads Collector file-exporter files (OTLP/JSON lines, plain or gzip)"
          + " and exits when they end."
    })
public final class SlicesCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.Mixin JobIoOptions io = new JobIoOptions();

  @Override
  public Integer call() throws Exception {
    io.check(spec, false);
    SliceJobSettings config;
    try {
      config = SliceJobSettings.fromMap(io.settings());
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    io.prepare(spec, config);
    boolean batch = io.input != null || io.bounded;
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config, batch));
    io.applyParallelism(env);
    DataStream<TelemetryRecord> telemetry =
        io.input != null
            ? TelemetrySources.files(env, io.input.getAbsolutePath(), config)
            : TelemetrySources.kafka(env, config, io.bounded);
    SliceJob.SliceStreams streams = SliceJob.defineWorkflow(telemetry, config);
    if (io.kafka()) {
      SliceSinks.toKafka(streams, config);
    }
    File out = io.out;
    if (out != null) {
      SliceSinks.toFiles(streams, out.getAbsolutePath());
    }
    if (io.input != null) {
      // BATCH mode writes slices only once all input is read: say so rather than sit silent.
      spec.commandLine()
          .getErr()
          .printf(
              "slices: replaying %s in BATCH mode; slices are written when the input is read%n",
              TelemetrySources.replayInput(io.input.toPath()).describe());
    }
    JobExecutionResult result;
    // A live count of written windows where they are written as they close (a stream).
    try (OutputProgress progress =
        out == null || io.input != null
            ? null
            : OutputProgress.watch(
                "slices", "windows", List.of(out.toPath().resolve(SliceSinks.SLICES_DIR)))) {
      result =
          env.execute(io.input != null ? "runtimeslicer slices (replay)" : "runtimeslicer slices");
    }
    // Submitted detached to a cluster, execute() returns before the job ran: there is nothing to
    // count yet.
    if (out != null && result.isJobExecutionResult()) {
      spec.commandLine()
          .getOut()
          .printf(
              "slices: %d lines in %s, dead letters: %d lines in %s (%.1f s)%n",
              countLines(out.toPath().resolve(SliceSinks.SLICES_DIR)),
              out.toPath().resolve(SliceSinks.SLICES_DIR),
              countLines(out.toPath().resolve(SliceSinks.DEAD_LETTERS_DIR)),
              out.toPath().resolve(SliceSinks.DEAD_LETTERS_DIR),
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
      for (Path file :
          (Iterable<Path>)
              files
                      .filter(Files::isRegularFile)
                      .filter(p -> !p.getFileName().toString().startsWith("."))
                  ::iterator) {
        try (var reader = Files.newBufferedReader(file)) {
          lines += reader.lines().count();
        }
      }
    }
    return lines;
  }
}
