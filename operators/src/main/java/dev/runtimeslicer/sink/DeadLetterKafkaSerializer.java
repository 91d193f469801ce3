package dev.runtimeslicer.sink;

import dev.runtimeslicer.telemetry.DeadLetter;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter as a Kafka record whose value is the original bytes and whose headers say
 * where it came from and why (the layout Kafka Connect uses for its dead-letter queues), so the
 * topic can be inspected with any Kafka tool and its values replayed as they are.
 */
public final class DeadLetterKafkaSerializer implements KafkaRecordSerializationSchema<DeadLetter> {

  private static final long serialVersionUID = 1L;
  /** Header names. */
  public static final String SOURCE_TOPIC = "runtimeslicer.source.topic";
  public static final String SOURCE_PARTITION = "runtimeslicer.source.partition";
  public static final String SOURCE_OFFSET = "runtimeslicer.source.offset";
  public static final String CATEGORY = "runtimeslicer.error.category";
  public static final String REASON = "runtimeslicer.error.reason";
  public static final String ENCODING = "runtimeslicer.payload.encoding";

  private final String topic;

  public DeadLetterKafkaSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SOURCE_TOPIC, utf8(letter.sourceTopic));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(letter.partition)));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(letter.offset)));
    headers.add(CATEGORY, utf8(letter.category));
    headers.add(REASON, utf8(letter.reason));
    headers.add(ENCODING, utf8(letter.encoding));
    return new ProducerRecord<>(topic, null, null, null, letter.payload, headers);
  }

  private static byte[] utf8(String value) {
    return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
  }
}
