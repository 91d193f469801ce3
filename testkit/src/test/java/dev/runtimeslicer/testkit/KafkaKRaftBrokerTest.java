package dev.runtimeslicer.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class KafkaKRaftBrokerTest {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  private static String outerBootstrap;

  @BeforeAll
  static void rememberBroker() {
    outerBootstrap = KAFKA.broker().bootstrapServers();
  }

  @Test
  void listenerPortsArePickedDistinctEvenWhenTheSystemReusesReleasedPorts() throws Exception {
    // A port released before the next pick may come back; the broker then refuses two listeners on
    // it.
    for (int round = 0; round < 200; round++) {
      int[] ports = KafkaKRaftBroker.distinctFreePorts(3);
      assertThat(ports).hasSize(3).doesNotHaveDuplicates().doesNotContain(0);
    }
  }

  @Test
  void producedRecordsAreConsumedBackInOrder() throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    String topic = broker.uniqueTopic("roundtrip");
    broker.createTopics(1, topic);

    List<String> sent = List.of("alpha", "beta", "gamma", "delta");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            new StringSerializer(),
            new StringSerializer())) {
      for (int i = 0; i < sent.size(); i++) {
        producer.send(new ProducerRecord<>(topic, "k" + i, sent.get(i))).get();
      }
    }

    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, broker.uniqueTopic("group"),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (received.size() < sent.size() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
      }
    }

    assertThat(received).extracting(ConsumerRecord::value).containsExactlyElementsOf(sent);
    assertThat(received).extracting(ConsumerRecord::key).containsExactly("k0", "k1", "k2", "k3");
  }

  @Test
  void createsFreshMultiPartitionTopicsAndRejectsDuplicates() throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    String first = broker.uniqueTopic("multi partition/");
    String second = broker.uniqueTopic("multi partition/");
    assertThat(first).isNotEqualTo(second).matches("[a-zA-Z0-9-]+");

    broker.createTopics(3, first, second);

    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(admin.describeTopics(List.of(first, second)).allTopicNames().get().values())
          .allSatisfy(d -> assertThat(d.partitions()).hasSize(3));
      assertThat(admin.listTopics().names().get()).contains(first, second);
    }
    assertThatThrownBy(() -> broker.createTopics(1, first))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(first);
    assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
  }

  @Nested
  class NestedClass {

    @Test
    void sharesTheOuterClassBroker() {
      assertThat(KAFKA.broker().bootstrapServers()).isEqualTo(outerBootstrap);
    }
  }
}
