package dev.runtimeslicer.embedding;

import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes embedded slices as {@link EmbeddingJson}, keyed by system, stamped with the window end. */
public final class EmbeddingKafkaSerializer implements KafkaRecordSerializationSchema<EmbeddedSlice> {

  private static final long serialVersionUID = 1L;
  private final String topic;

  public EmbeddingKafkaSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(EmbeddedSlice slice, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, null, slice.slice.windowEndMs, slice.slice.system.getBytes(StandardCharsets.UTF_8),
        EmbeddingJson.write(slice).getBytes(StandardCharsets.UTF_8));
  }
}
