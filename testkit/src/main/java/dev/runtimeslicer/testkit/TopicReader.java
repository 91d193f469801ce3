package dev.runtimeslicer.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Reads a topic of a test broker from the beginning until what was read satisfies a condition. */
public final class TopicReader {

  private static final Duration POLL = Duration.ofMillis(500);

  private TopicReader() {}

  /**
   * Records of {@code topic} from its start, read until {@code done} holds for all of them.
   *
   * @throws AssertionError when {@code timeout} passes first, naming the topic and what was read
   */
  public static List<ConsumerRecord<byte[], byte[]>> readUntil(
      KafkaKRaftBroker broker,
      String topic,
      Predicate<List<ConsumerRecord<byte[], byte[]>>> done,
      Duration timeout) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ConsumerConfig.GROUP_ID_CONFIG, "reader-" + topic + "-" + System.nanoTime());
    properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    // The jobs write with Kafka transactions: aborted attempts stay in the log but are not output.
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    long deadline = System.nanoTime() + timeout.toNanos();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      consumer.subscribe(List.of(topic));
      while (!done.test(records)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError(
              "gave up after "
                  + timeout
                  + " waiting on topic "
                  + topic
                  + "; read "
                  + records.size()
                  + " records");
        }
        consumer.poll(POLL).forEach(records::add);
      }
    }
    return records;
  }

  /** A producer of byte records to the test broker that waits for all acknowledgements. */
  public static KafkaProducer<byte[], byte[]> producer(KafkaKRaftBroker broker) {
    return producer(broker, Map.of());
  }

  /** Such a producer with further client properties (e.g. {@code max.request.size}). */
  public static KafkaProducer<byte[], byte[]> producer(
      KafkaKRaftBroker broker, Map<String, Object> more) {
    Properties properties = new Properties();
    properties.putAll(more);
    properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    return new KafkaProducer<>(properties);
  }
}
