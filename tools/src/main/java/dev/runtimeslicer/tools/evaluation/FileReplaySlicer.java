package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.jobs.JobEnvironment;
import dev.runtimeslicer.jobs.SliceJob;
import dev.runtimeslicer.jobs.SliceJobSettings;
import dev.runtimeslicer.jobs.SliceSinks;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Slices Collector files with the slicing job in BATCH mode (as {@code slices --input} does) and
 * reads the slices back.
 */
public final class FileReplaySlicer {

  private FileReplaySlicer() {}

  /**
   * Slices of the telemetry under {@code input}; slice and dead-letter files are kept under {@code
   * out}.
   */
  public static List<RuntimeSlice> slice(Path input, Path out, SliceJobSettings config)
      throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(config, true));
    SliceJob.SliceStreams streams =
        SliceJob.defineWorkflow(
            TelemetrySources.files(env, input.toAbsolutePath().toString(), config), config);
    SliceSinks.toFiles(streams, out.toAbsolutePath().toString());
    env.execute("runtimeslicer evaluate (slices of " + input.getFileName() + ")");
    return JsonLinesDirectory.read(out.resolve(SliceSinks.SLICES_DIR), SliceJson::read);
  }

  /** Writes slices as one JSON-lines file in {@code directory}. */
  public static Path write(List<RuntimeSlice> slices, Path directory) throws IOException {
    Files.createDirectories(directory);
    Path file = directory.resolve("slices.jsonl");
    try (var writer = Files.newBufferedWriter(file)) {
      for (RuntimeSlice slice : slices) {
        writer.write(SliceJson.write(slice));
        writer.newLine();
      }
    }
    return directory;
  }
}
