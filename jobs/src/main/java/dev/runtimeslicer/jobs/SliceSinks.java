package dev.runtimeslicer.jobs;

import static dev.runtimeslicer.jobs.SliceJobOptions.*;

import dev.runtimeslicer.model.format.DeadLetterJson;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.operators.sink.DeadLetterKafkaSerializer;
import dev.runtimeslicer.operators.sink.JsonLinesFileSink;
import dev.runtimeslicer.operators.sink.SystemKeyedKafkaSerializer;
import java.nio.file.Paths;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The job's real outputs: Kafka topics and JSON-lines directories. */
public final class SliceSinks {

  /** Sub-directories of the output directory. */
  public static final String SLICES_DIR = "slices";

  public static final String DEAD_LETTERS_DIR = "dead-letters";

  private SliceSinks() {}

  /** Slices to the slices topic, dead letters to the dead-letter topic. */
  public static void toKafka(SliceJob.SliceStreams streams, SliceJobSettings config) {
    streams
        .slices()
        .sinkTo(
            KafkaSinks.create(
                config, SystemKeyedKafkaSerializer.slices(config.get(SLICES_TOPIC)), "slices"))
        .name("slices to kafka")
        .uid("sink-kafka-slices");
    streams
        .deadLetters()
        .sinkTo(
            KafkaSinks.create(
                config,
                new DeadLetterKafkaSerializer(
                    config.get(DEAD_LETTER_TOPIC), config.get(MAX_DEAD_LETTER_BYTES)),
                "dead-letters"))
        .name("dead letters to kafka")
        .uid("sink-kafka-dead-letters");
  }

  /** Slices to {@code out/slices/*.jsonl}, dead letters to {@code out/dead-letters/*.jsonl}. */
  public static void toFiles(SliceJob.SliceStreams streams, String out) {
    streams
        .slices()
        .map(SliceJson::write)
        .name("slice json")
        .uid("slice-json")
        .sinkTo(JsonLinesFileSink.create(Paths.get(out, SLICES_DIR).toString(), "slices"))
        .name("slices to files")
        .uid("sink-file-slices");
    DataStream<String> letters =
        streams
            .deadLetters()
            .map(DeadLetterJson::write)
            .name("dead letter json")
            .uid("dead-letter-json");
    letters
        .sinkTo(
            JsonLinesFileSink.create(Paths.get(out, DEAD_LETTERS_DIR).toString(), "dead-letters"))
        .name("dead letters to files")
        .uid("sink-file-dead-letters");
  }
}
