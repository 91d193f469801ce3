package dev.runtimeslicer.operators.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.Alerts;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.nio.charset.StandardCharsets;
import org.apache.flink.util.InstantiationUtil;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class SystemKeyedKafkaSerializerTest {

  @Test
  void writesTheAlertJsonKeyedBySystemAtItsWindowEnd() {
    Alert alert = Alerts.firing("shop");

    ProducerRecord<byte[], byte[]> record =
        SystemKeyedKafkaSerializer.alerts("alerts").serialize(alert, null, 5L);

    assertThat(record.topic()).isEqualTo("alerts");
    assertThat(record.partition()).isNull();
    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("shop");
    assertThat(record.timestamp()).isEqualTo(alert.windowEndMs);
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .isEqualTo(AlertJson.write(alert));
  }

  @Test
  void writesASliceKeyedBySystemAtItsWindowEndAndSurvivesJavaSerialization() throws Exception {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "bank";
    slice.windowStartMs = 0;
    slice.windowEndMs = 60_000;
    // Flink ships the serializer to the task managers
    SystemKeyedKafkaSerializer<RuntimeSlice> shipped =
        InstantiationUtil.clone(SystemKeyedKafkaSerializer.slices("slices"));

    ProducerRecord<byte[], byte[]> record = shipped.serialize(slice, null, null);

    assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("bank");
    assertThat(record.timestamp()).isEqualTo(60_000L);
    assertThat(new String(record.value(), StandardCharsets.UTF_8))
        .isEqualTo(SliceJson.write(slice));
  }

  @Test
  void anAlertWithoutSystemOrWindowStillGoesOutWithoutKeyAndTime() {
    Alert alert = Alerts.firing("shop");
    alert.system = null;
    alert.windowEndMs = 0;

    ProducerRecord<byte[], byte[]> record =
        SystemKeyedKafkaSerializer.alerts(SystemKeyedKafkaSerializer.DEFAULT_ALERTS_TOPIC)
            .serialize(alert, null, null);

    assertThat(record.topic()).isEqualTo("runtimeslicer-alerts");
    assertThat(record.key()).isNull();
    assertThat(record.timestamp()).isNull();
  }

  @Test
  void rejectsABlankTopic() {
    assertThatThrownBy(() -> SystemKeyedKafkaSerializer.alerts(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
