package dev.runtimeslicer.jobs;

import static dev.runtimeslicer.jobs.SliceJobOptions.*;

import dev.runtimeslicer.model.source.OtlpEncoding;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.source.FileLine;
import dev.runtimeslicer.operators.source.NumberedLineFormat;
import dev.runtimeslicer.operators.source.OtlpKafkaDeserializer;
import dev.runtimeslicer.operators.source.OtlpLineDecoder;
import dev.runtimeslicer.operators.source.TelemetryWatermarks;
import java.io.IOException;
import java.util.Locale;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.file.src.FileSource;
import org.apache.flink.connector.file.src.enumerate.NonSplittingRecursiveEnumerator;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.KafkaSourceBuilder;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;

/** The job's real telemetry inputs: three OTLP Kafka topics, or a directory of Collector files. */
public final class TelemetrySources {

  private TelemetrySources() {}

  /**
   * The union of the metrics, spans and logs topics, each with its own event-time watermarks,
   * aligned across the three so no topic is read far ahead of the others (unbounded reads only).
   *
   * @param bounded read only up to the offsets that are the latest when the job starts, then end
   */
  public static DataStream<TelemetryRecord> kafka(
      StreamExecutionEnvironment env, SliceJobSettings config, boolean bounded) {
    return topic(env, config, Signal.METRIC, METRICS_TOPIC, METRICS_ENCODING, bounded)
        .union(
            topic(env, config, Signal.SPAN, SPANS_TOPIC, SPANS_ENCODING, bounded),
            topic(env, config, Signal.LOG, LOGS_TOPIC, LOGS_ENCODING, bounded));
  }

  private static DataStream<TelemetryRecord> topic(
      StreamExecutionEnvironment env,
      SliceJobSettings config,
      Signal signal,
      ConfigOption<String> topic,
      ConfigOption<OtlpEncoding> encoding,
      boolean bounded) {
    KafkaSourceBuilder<TelemetryRecord> builder =
        KafkaSource.<TelemetryRecord>builder()
            .setProperties(config.kafkaProperties())
            .setBootstrapServers(config.bootstrapServers())
            .setTopics(config.get(topic))
            .setGroupId(config.get(GROUP_ID))
            .setStartingOffsets(startingOffsets(config.get(STARTING_OFFSETS)))
            .setDeserializer(
                new OtlpKafkaDeserializer(signal, config.get(encoding), config.decoderSettings()));
    if (bounded) {
      builder.setBounded(OffsetsInitializer.latest());
    }
    KafkaSource<TelemetryRecord> source = builder.build();
    String name = signal.name().toLowerCase(Locale.ROOT);
    // bounded reads end their splits, which alignment cannot take yet (see
    // TelemetryWatermarks#unaligned)
    WatermarkStrategy<TelemetryRecord> watermarks =
        bounded
            ? TelemetryWatermarks.unaligned(config.get(MAX_OUT_OF_ORDERNESS), config.get(IDLENESS))
            : TelemetryWatermarks.aligned(
                config.get(MAX_OUT_OF_ORDERNESS),
                config.get(IDLENESS),
                config.get(ALIGNMENT_MAX_DRIFT));
    return env.fromSource(source, watermarks, "otlp " + name + " from kafka")
        .uid("source-kafka-" + name);
  }

  private static OffsetsInitializer startingOffsets(StartingOffsets setting) {
    return switch (setting) {
      case EARLIEST -> OffsetsInitializer.earliest();
      case LATEST -> OffsetsInitializer.latest();
      case COMMITTED_OR_EARLIEST ->
          OffsetsInitializer.committedOffsets(OffsetResetStrategy.EARLIEST);
    };
  }

  /**
   * Telemetry replayed from Collector file-exporter files (OTLP/JSON lines, plain or gzip) under
   * {@code directory}; bounded. Replay files are not in time order (the Collector writes per batch,
   * converted data sets often per service), so no watermark is emitted until the input ends: every
   * window then fires, in event-time order, with all of its records.
   */
  public static DataStream<TelemetryRecord> files(
      StreamExecutionEnvironment env, String directory, SliceJobSettings config) {
    FileSource<FileLine> source =
        FileSource.forBulkFileFormat(new NumberedLineFormat(), new Path(directory))
            .setFileEnumerator(
                () -> new NonSplittingRecursiveEnumerator(TelemetrySources::isTelemetryFile))
            .build();
    return env.fromSource(source, WatermarkStrategy.noWatermarks(), "otlp files")
        .uid("source-files")
        .flatMap(new OtlpLineDecoder(config.decoderSettings()))
        .name("decode otlp/json lines")
        .uid("decode-otlp-json-lines")
        .assignTimestampsAndWatermarks(
            WatermarkStrategy.<TelemetryRecord>noWatermarks()
                .withTimestampAssigner(
                    (record, previous) -> record.hasDeadLetter() ? previous : record.timestampMs))
        .name("event time")
        .uid("replay-event-time");
  }

  /**
   * Telemetry files: JSON or JSON-lines, plain or gzip; label files and hidden files are not
   * telemetry. Directories pass, to be enumerated, whatever their name: a dot in one (a date, a
   * version) must not hide the files in it.
   */
  static boolean isTelemetryFile(Path path) {
    String name = path.getName();
    if (name.startsWith(".") || name.startsWith("_")) {
      return false;
    }
    if (isDirectory(path) || !name.contains(".")) {
      return true; // a directory (or an extension-less file) to enumerate
    }
    return isTelemetryFileName(name);
  }

  /**
   * Whether a file of this name is replayed: JSON or JSON lines, plain or gzip, not labels, not
   * hidden.
   */
  static boolean isTelemetryFileName(String name) {
    if (name.startsWith(".") || name.startsWith("_")) {
      return false;
    }
    String lower = name.toLowerCase(Locale.ROOT);
    boolean json =
        lower.endsWith(".json")
            || lower.endsWith(".json.gz")
            || lower.endsWith(".jsonl")
            || lower.endsWith(".jsonl.gz");
    return json && !lower.startsWith("labels");
  }

  /**
   * Whether {@code directory}'s tree holds a file the replay reads; a replay of none would end with
   * nothing, silently.
   */
  public static boolean hasTelemetryFiles(java.nio.file.Path directory) throws IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(directory)) {
      return files.anyMatch(
          file ->
              java.nio.file.Files.isRegularFile(file)
                  && isTelemetryFileName(file.getFileName().toString()));
    }
  }

  /** How many files a replay of {@code directory} reads, and their bytes on disk. */
  public record ReplayInput(int files, long bytes) {

    /** For a person: "12 files (340.2 MB)". */
    public String describe() {
      return String.format(Locale.ROOT, "%d files (%.1f MB)", files, bytes / 1e6);
    }
  }

  /** The files a replay of {@code directory} reads. */
  public static ReplayInput replayInput(java.nio.file.Path directory) throws IOException {
    int files = 0;
    long bytes = 0;
    try (java.util.stream.Stream<java.nio.file.Path> walk = java.nio.file.Files.walk(directory)) {
      for (java.nio.file.Path file :
          (Iterable<java.nio.file.Path>)
              walk.filter(
                      f ->
                          java.nio.file.Files.isRegularFile(f)
                              && isTelemetryFileName(f.getFileName().toString()))
                  ::iterator) {
        files++;
        bytes += java.nio.file.Files.size(file);
      }
    }
    return new ReplayInput(files, bytes);
  }

  private static boolean isDirectory(Path path) {
    try {
      return path.getFileSystem().getFileStatus(path).isDir();
    } catch (IOException e) {
      return false; // not there (any more): nothing to enumerate
    }
  }
}
