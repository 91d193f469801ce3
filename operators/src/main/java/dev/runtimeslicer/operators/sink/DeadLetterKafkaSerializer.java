package dev.runtimeslicer.operators.sink;

import dev.runtimeslicer.model.telemetry.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Writes a dead letter as a Kafka record whose value is the original bytes and whose headers say
 * where it came from and why (the layout Kafka Connect uses for its dead-letter queues), so the
 * topic can be inspected with any Kafka tool and its values replayed as they are.
 *
 * <p>A payload longer than the limit is cut to it, with headers saying so and giving its original
 * size: a record over the producer's {@code max.request.size} would fail the sink, and the job
 * would restart into the same input again and again.
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
  public static final String TRUNCATED = "runtimeslicer.payload.truncated";
  public static final String ORIGINAL_BYTES = "runtimeslicer.payload.original-bytes";

  /**
   * Reasons are short; a cap keeps a pathological one (an echoed input) from filling the record.
   */
  private static final int MAX_REASON_CHARS = 4096;

  private final String topic;
  private final int maxPayloadBytes;

  /** Dead letters to {@code topic}, payloads cut to {@code maxPayloadBytes}. */
  public DeadLetterKafkaSerializer(String topic, int maxPayloadBytes) {
    if (maxPayloadBytes < 0) {
      throw new IllegalArgumentException(
          "dead-letter payload limit must be >= 0 bytes, got " + maxPayloadBytes);
    }
    this.topic = topic;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      DeadLetter letter, KafkaSinkContext context, Long timestamp) {
    RecordHeaders headers = new RecordHeaders();
    headers.add(SOURCE_TOPIC, utf8(letter.sourceTopic));
    headers.add(SOURCE_PARTITION, utf8(Integer.toString(letter.partition)));
    headers.add(SOURCE_OFFSET, utf8(Long.toString(letter.offset)));
    headers.add(CATEGORY, utf8(letter.category));
    String reason = letter.reason;
    if (reason != null && reason.length() > MAX_REASON_CHARS) {
      reason = reason.substring(0, MAX_REASON_CHARS);
    }
    headers.add(REASON, utf8(reason));
    headers.add(ENCODING, utf8(letter.encoding));
    byte[] payload = letter.payload;
    if (payload != null && payload.length > maxPayloadBytes) {
      headers.add(TRUNCATED, utf8("true"));
      headers.add(ORIGINAL_BYTES, utf8(Integer.toString(payload.length)));
      payload = Arrays.copyOf(payload, maxPayloadBytes);
    }
    return new ProducerRecord<>(topic, null, null, null, payload, headers);
  }

  private static byte[] utf8(String value) {
    return value == null ? new byte[0] : value.getBytes(StandardCharsets.UTF_8);
  }
}
