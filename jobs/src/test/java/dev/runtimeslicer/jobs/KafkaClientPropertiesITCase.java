package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.testkit.KafkaBrokerExtension;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import dev.runtimeslicer.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Kafka client properties given as {@code kafka.properties.*} reach every source and sink: the job
 * reads and writes only through the broker's SASL/PLAIN listener, which no client gets into without
 * them.
 */
class KafkaClientPropertiesITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  @Test
  void theJobReadsAndWritesThroughASaslListenerWithThePassedProperties() throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    SliceJobTopics topics = SliceJobTopics.create(broker, "sasl");
    String metricsTopic = topics.metrics();
    String spansTopic = topics.spans();
    String logsTopic = topics.logs();
    String slicesTopic = topics.slices();

    long t0 = (System.currentTimeMillis() - 15 * 60_000) / 60_000 * 60_000;
    TelemetryScenario scenario = new TelemetryScenario(t0);
    try (KafkaProducer<byte[], byte[]> producer = TopicReader.producer(broker)) {
      scenario
          .metricRequests()
          .forEach(m -> producer.send(new ProducerRecord<>(metricsTopic, m.toByteArray())));
      scenario
          .spanRequests()
          .forEach(s -> producer.send(new ProducerRecord<>(spansTopic, s.toByteArray())));
      scenario
          .logRequests()
          .forEach(l -> producer.send(new ProducerRecord<>(logsTopic, l.toByteArray())));
    }

    Map<String, String> settings = topics.settings(broker.saslBootstrapServers());
    KafkaKRaftBroker.saslClientProperties()
        .forEach(
            (key, value) -> settings.put(SliceJobOptions.KAFKA_PROPERTIES_PREFIX + key, value));
    settings.put(
        SliceJobOptions.KAFKA_PROPERTIES_PREFIX + "max.request.size",
        Integer.toString(2 * 1024 * 1024));
    settings.put(SliceJobOptions.STARTING_OFFSETS.key(), "earliest");
    SliceJobSettings config = SliceJobSettings.fromMap(settings);
    assertThat(config.kafkaProperties())
        .containsEntry("security.protocol", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism", "PLAIN");
    // the listener takes only clients that authenticate: with the properties the brokers answer,
    // without them not
    KafkaReachability.check(config, Duration.ofSeconds(15));
    SliceJobSettings withoutSasl =
        SliceJobSettings.fromMap(
            Map.of(SliceJobOptions.BOOTSTRAP_SERVERS.key(), broker.saslBootstrapServers()));
    assertThatThrownBy(() -> KafkaReachability.check(withoutSasl, Duration.ofSeconds(3)))
        .hasMessageContaining("cannot reach Kafka");

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    // bounded: read to the topics' end through the SASL listener, close every window, write the
    // slices through it
    SliceSinks.toKafka(
        SliceJob.defineWorkflow(TelemetrySources.kafka(env, config, true), config), config);
    env.execute("kafka client properties it");

    List<ConsumerRecord<byte[], byte[]>> slices =
        TopicReader.readUntil(
            broker,
            slicesTopic,
            records ->
                records.stream()
                    .anyMatch(
                        r ->
                            SliceJson.read(new String(r.value(), StandardCharsets.UTF_8))
                                    .windowStartMs
                                == t0),
            Duration.ofSeconds(30));
    RuntimeSlice slice =
        slices.stream()
            .map(r -> SliceJson.read(new String(r.value(), StandardCharsets.UTF_8)))
            .filter(s -> s.windowStartMs == t0)
            .findFirst()
            .orElseThrow();
    SliceAssertions.assertScenarioWindow(slice, t0);
  }

  @Test
  void aKafkaPropertiesPrefixWithoutAKeyIsRejected() {
    assertThatThrownBy(() -> SliceJobSettings.fromMap(Map.of("kafka.properties.", "x")))
        .hasMessageContaining("names no Kafka client property");
  }
}
