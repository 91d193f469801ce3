package dev.runtimeslicer.sink;

import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.slice.SliceJson;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Writes a slice as JSON, keyed by system so each system's slices stay in order in one partition. */
public final class SliceKafkaSerializer implements KafkaRecordSerializationSchema<RuntimeSlice> {

  private static final long serialVersionUID = 1L;
  private final String topic;

  public SliceKafkaSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(RuntimeSlice slice, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, null, slice.windowEndMs,
        slice.system.getBytes(StandardCharsets.UTF_8), SliceJson.write(slice).getBytes(StandardCharsets.UTF_8));
  }
}
