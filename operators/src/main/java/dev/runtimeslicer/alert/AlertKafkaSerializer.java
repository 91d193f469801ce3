package dev.runtimeslicer.alert;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes an alert as {@link AlertJson}, keyed by system so a system's notifications stay in order in one partition. */
public final class AlertKafkaSerializer implements KafkaRecordSerializationSchema<Alert> {

  private static final long serialVersionUID = 1L;
  /** Topic used when none is configured. */
  public static final String DEFAULT_TOPIC = "runtimeslicer-alerts";

  private final String topic;

  /** Writes to {@link #DEFAULT_TOPIC}. */
  public AlertKafkaSerializer() {
    this(DEFAULT_TOPIC);
  }

  public AlertKafkaSerializer(String topic) {
    if (topic == null || topic.isBlank()) {
      throw new IllegalArgumentException("alerts topic must not be blank");
    }
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(Alert alert, KafkaSinkContext context, Long timestamp) {
    byte[] key = alert.system == null ? null : alert.system.getBytes(StandardCharsets.UTF_8);
    // the record time is when the notification was decided; Kafka rejects negative times
    Long recordTime = alert.windowEndMs > 0 ? alert.windowEndMs : null;
    return new ProducerRecord<>(topic, null, recordTime, key, AlertJson.write(alert).getBytes(StandardCharsets.UTF_8));
  }
}
