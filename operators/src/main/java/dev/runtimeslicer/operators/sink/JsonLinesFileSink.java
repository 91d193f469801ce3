package dev.runtimeslicer.operators.sink;

import java.time.Duration;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.core.fs.Path;
import org.apache.flink.streaming.api.functions.sink.filesystem.OutputFileConfig;
import org.apache.flink.streaming.api.functions.sink.filesystem.bucketassigners.BasePathBucketAssigner;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.DefaultRollingPolicy;

/**
 * JSON-lines files in one directory, exactly-once through Flink's FileSink: part files become
 * visible when a checkpoint completes, or when a bounded run ends.
 */
public final class JsonLinesFileSink {

  private static final MemorySize PART_SIZE = MemorySize.ofMebiBytes(128);
  private static final Duration ROLLOVER = Duration.ofMinutes(15);

  private JsonLinesFileSink() {}

  /** A sink writing {@code prefix-*.jsonl} files into {@code directory}. */
  public static FileSink<String> create(String directory, String prefix) {
    return FileSink.forRowFormat(new Path(directory), new SimpleStringEncoder<String>())
        .withBucketAssigner(new BasePathBucketAssigner<>())
        .withOutputFileConfig(
            OutputFileConfig.builder().withPartPrefix(prefix).withPartSuffix(".jsonl").build())
        .withRollingPolicy(
            DefaultRollingPolicy.builder()
                .withMaxPartSize(PART_SIZE)
                .withRolloverInterval(ROLLOVER)
                .build())
        .build();
  }
}
