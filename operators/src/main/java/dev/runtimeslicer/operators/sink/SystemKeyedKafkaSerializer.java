package dev.runtimeslicer.operators.sink;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.embedding.EmbeddedSlice;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.EmbeddingJson;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Writes the job's JSON outputs (slices, embeddings, alerts) to Kafka the one way they all share:
 * keyed by system, so one system's records stay in order on one partition, and timed at the end of
 * the window they describe.
 */
public final class SystemKeyedKafkaSerializer<T> implements KafkaRecordSerializationSchema<T> {

  private static final long serialVersionUID = 1L;

  /** Topic of alerts when none is configured. */
  public static final String DEFAULT_ALERTS_TOPIC = "runtimeslicer-alerts";

  private final String topic;
  private final SerializableFunction<T, String> system;
  private final SerializableFunction<T, Long> windowEndMs;
  private final SerializableFunction<T, String> json;

  private SystemKeyedKafkaSerializer(
      String topic,
      SerializableFunction<T, String> system,
      SerializableFunction<T, Long> windowEndMs,
      SerializableFunction<T, String> json) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("the Kafka topic must not be blank");
    }
    this.topic = topic;
    this.system = system;
    this.windowEndMs = windowEndMs;
    this.json = json;
  }

  /** Slices as in docs/formats.md. */
  public static SystemKeyedKafkaSerializer<RuntimeSlice> slices(String topic) {
    return new SystemKeyedKafkaSerializer<>(
        topic, slice -> slice.system, slice -> slice.windowEndMs, SliceJson::write);
  }

  /** Embedded slices. */
  public static SystemKeyedKafkaSerializer<EmbeddedSlice> embeddings(String topic) {
    return new SystemKeyedKafkaSerializer<>(
        topic,
        embedded -> embedded.slice.system,
        embedded -> embedded.slice.windowEndMs,
        EmbeddingJson::write);
  }

  /** Alert notifications, timed when they were decided. */
  public static SystemKeyedKafkaSerializer<Alert> alerts(String topic) {
    return new SystemKeyedKafkaSerializer<>(
        topic, alert -> alert.system, alert -> alert.windowEndMs, AlertJson::write);
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(
      T element, KafkaSinkContext context, Long timestamp) {
    String name = system.apply(element);
    byte[] key = name == null ? null : name.getBytes(StandardCharsets.UTF_8);
    long end = windowEndMs.apply(element);
    // Kafka rejects negative record times; a record without a window goes out without one
    Long recordTime = end > 0 ? end : null;
    return new ProducerRecord<>(
        topic, null, recordTime, key, json.apply(element).getBytes(StandardCharsets.UTF_8));
  }
}
