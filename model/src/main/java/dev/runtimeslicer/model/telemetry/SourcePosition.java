package dev.runtimeslicer.model.telemetry;

/** Where an input message came from: a Kafka topic, partition and offset, or a file and line. */
public record SourcePosition(String topic, int partition, long offset) {
  /** A position in a replayed file; the line number stands in for the offset. */
  public static SourcePosition ofFile(String file, long line) {
    return new SourcePosition(file, -1, line);
  }
}
