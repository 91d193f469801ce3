package dev.runtimeslicer.jobs;

import java.util.Properties;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Every Kafka sink of the jobs, built one way: the configured delivery guarantee, transactional ids
 * and client properties.
 */
final class KafkaSinks {

  private KafkaSinks() {}

  /**
   * A sink writing through {@code serializer}. Under exactly-once, records become visible to
   * read_committed consumers when the checkpoint after them completes; {@code sinkName} makes the
   * transactional ids of this sink distinct from the job's other sinks.
   */
  static <T> KafkaSink<T> create(
      SliceJobSettings config, KafkaRecordSerializationSchema<T> serializer, String sinkName) {
    DeliveryGuarantee guarantee = config.get(SliceJobOptions.DELIVERY_GUARANTEE);
    Properties producer = config.kafkaProperties();
    if (guarantee == DeliveryGuarantee.EXACTLY_ONCE) {
      // The connector's own default (1 h) exceeds what brokers accept by default (15 min) and fails
      // the first transaction.
      producer.putIfAbsent(
          ProducerConfig.TRANSACTION_TIMEOUT_CONFIG,
          Long.toString(config.get(SliceJobOptions.TRANSACTION_TIMEOUT).toMillis()));
    }
    return KafkaSink.<T>builder()
        .setKafkaProducerConfig(producer)
        .setBootstrapServers(config.bootstrapServers())
        .setRecordSerializer(serializer)
        .setDeliveryGuarantee(guarantee)
        .setTransactionalIdPrefix(config.transactionalIdPrefix() + "-" + sinkName)
        .build();
  }
}
