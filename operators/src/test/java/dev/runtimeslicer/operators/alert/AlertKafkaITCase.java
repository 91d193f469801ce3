package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.Alerts;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.operators.sink.SystemKeyedKafkaSerializer;
import dev.runtimeslicer.testkit.KafkaBrokerExtension;
import dev.runtimeslicer.testkit.KafkaKRaftBroker;
import dev.runtimeslicer.testkit.TopicReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Alerts through SystemKeyedKafkaSerializer and Flink's KafkaSink into a real KRaft broker, read
 * back as JSON.
 */
class AlertKafkaITCase {

  @RegisterExtension static final KafkaBrokerExtension KAFKA = new KafkaBrokerExtension();

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writesAlertsAsJsonKeyedBySystem() throws Exception {
    KafkaKRaftBroker broker = KAFKA.broker();
    String topic = broker.uniqueTopic("alerts");
    broker.createTopics(1, topic);
    Alert firing = Alerts.firing("shop");
    Alert resolved = Alerts.resolved("shop");

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(firing, Alerts.firing("web"), resolved)
        .sinkTo(
            KafkaSink.<Alert>builder()
                .setBootstrapServers(broker.bootstrapServers())
                .setRecordSerializer(SystemKeyedKafkaSerializer.alerts(topic))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build())
        .name("alerts to kafka");
    env.execute("alert kafka it");

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readUntil(broker, topic, read -> read.size() >= 3, WAIT);
    assertThat(records)
        .extracting(r -> new String(r.key(), StandardCharsets.UTF_8))
        .containsExactly("shop", "web", "shop");
    assertThat(records)
        .extracting(ConsumerRecord::timestamp)
        .containsExactly(firing.windowEndMs, firing.windowEndMs, resolved.windowEndMs);
    JsonNode first = MAPPER.readTree(records.get(0).value());
    JsonNode last = MAPPER.readTree(records.get(2).value());
    assertThat(first.get("id").asText())
        .isEqualTo(last.get("id").asText())
        .isEqualTo("shop-1767225600000");
    assertThat(first.get("status").asText()).isEqualTo("firing");
    assertThat(first.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(first.get("endsAt").isNull()).isTrue();
    assertThat(first.get("rootCauses").get(0).get("service").asText()).isEqualTo("cart");
    assertThat(first.get("evidence").get(0).get("text").asText())
        .isEqualTo("traces cart: latency p99 (ms) 1250 (normal 80)");
    assertThat(last.get("status").asText()).isEqualTo("resolved");
    assertThat(last.get("endsAt").asText()).isEqualTo("2026-01-01T00:10:00Z");
    assertThat(AlertJson.read(new String(records.get(2).value(), StandardCharsets.UTF_8)))
        .usingRecursiveComparison()
        .isEqualTo(resolved);
  }
}
