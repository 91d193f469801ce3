package dev.runtimeslicer.jobs;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Everything a topic holds right now, read from its start to its current end without a consumer
 * group.
 */
public final class TopicContents {

  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration GIVE_UP = Duration.ofMinutes(1);

  private TopicContents() {}

  /** The values of all records of {@code topic}, as UTF-8 text, partition by partition. */
  public static List<String> read(String bootstrapServers, String topic) {
    Properties properties = new Properties();
    properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    // The jobs write with Kafka transactions: aborted attempts stay in the log but are not output.
    properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, GIVE_UP).stream()
              .map(info -> new TopicPartition(topic, info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions, GIVE_UP);
      long deadline = System.nanoTime() + GIVE_UP.toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "could not read topic "
                  + topic
                  + " to its end within "
                  + GIVE_UP.toSeconds()
                  + " s from "
                  + bootstrapServers
                  + "; is the broker still up?");
        }
        consumer
            .poll(POLL)
            .forEach(record -> values.add(new String(record.value(), StandardCharsets.UTF_8)));
      }
    }
    return values;
  }
}
