package dev.runtimeslicer.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class AlertKafkaSerializerTest {

  @Test
  void writesTheAlertJsonKeyedBySystemAtItsWindowEnd() {
    Alert alert = Alerts.firing("shop");

    ProducerRecord<byte[], byte[]> record = new AlertKafkaSerializer("alerts").serialize(alert, null, 5L);

    assertThat(record.topic()).isEqualTo("alerts");
    assertThat(record.partition()).isNull();
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("shop");
    assertThat(record.timestamp()).isEqualTo(alert.windowEndMs);
    assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo(AlertJson.write(alert));
  }

  @Test
  void defaultsToTheAlertsTopic() {
    assertThat(new AlertKafkaSerializer().serialize(Alerts.firing("shop"), null, null).topic()).isEqualTo("runtimeslicer-alerts");
  }

  @Test
  void anAlertWithoutSystemOrWindowStillGoesOutWithoutKeyAndTime() {
    Alert alert = Alerts.firing("shop");
    alert.system = null;
    alert.windowEndMs = 0;

    ProducerRecord<byte[], byte[]> record = new AlertKafkaSerializer().serialize(alert, null, null);

    assertThat(record.key()).isNull();
    assertThat(record.timestamp()).isNull();
  }

  @Test
  void rejectsABlankTopic() {
    assertThatThrownBy(() -> new AlertKafkaSerializer(" ")).isInstanceOf(IllegalArgumentException.class);
  }
}
