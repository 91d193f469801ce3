package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.AlertLifecycleSettings;
import dev.runtimeslicer.model.alert.NoTelemetryWatch;
import dev.runtimeslicer.model.task.SliceAssessment;
import java.time.Duration;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class AlertLifecycleFunctionTest {

  private static final Duration TTL = Duration.ofHours(1);

  private static SliceAssessment window(String system, int index, double score) {
    SliceAssessment a = new SliceAssessment();
    a.system = system;
    a.windowStartMs = index * 10_000L;
    a.windowEndMs = index * 10_000L + 60_000;
    a.anomalyScore = score;
    a.fireScore = 0.99;
    a.anomalous = score >= 0.99;
    a.failureType = "cpu_saturation";
    return a;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, SliceAssessment, Alert> harness()
      throws Exception {
    return harness(null);
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, SliceAssessment, Alert> harness(
      NoTelemetryWatch watch) throws Exception {
    var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, SliceAssessment, Alert>(
            new KeyedProcessOperator<>(
                new AlertLifecycleFunction(
                    new AlertLifecycleSettings(2, 2, 0.9, 0, 0), TTL, watch)),
            a -> a.system,
            Types.STRING);
    harness.open();
    return harness;
  }

  @Test
  void aSilentSystemAloneGetsANoTelemetryAlertOnProcessingTimeAndIsForgottenAfterTheTtl()
      throws Exception {
    long minute = 60_000;
    try (var harness = harness(new NoTelemetryWatch(5 * minute, minute, TTL.toMillis()))) {
      harness.setProcessingTime(0);
      harness.processElement(new StreamRecord<>(window("shop", 0, 0.1), 0));
      // ticket keeps sending a window a minute; shop falls silent
      for (int i = 1; i <= 5; i++) {
        harness.setProcessingTime(i * minute);
        harness.processElement(new StreamRecord<>(window("ticket", i, 0.1), i));
      }
      assertThat(harness.extractOutputValues())
          .extracting(a -> a.system + ":" + a.failureType + ":" + a.status)
          .containsExactly("shop:no_telemetry:firing");
      assertThat(harness.numProcessingTimeTimers()).isEqualTo(2); // one pending check per system

      harness.setProcessingTime(6 * minute); // still silent: the repeat
      harness.setProcessingTime(6 * minute + 30_000);
      harness.processElement(new StreamRecord<>(window("shop", 6, 0.1), 6));
      assertThat(harness.extractOutputValues())
          .extracting(a -> a.system + ":" + a.status + ":" + a.sequence)
          .containsExactly("shop:firing:0", "shop:firing:1", "shop:resolved:2");

      // both go quiet for the TTL: their tracks and timers are gone
      harness.setProcessingTime(6 * minute + 30_000 + TTL.toMillis());
      assertThat(harness.numKeyedStateEntries()).isZero();
      assertThat(harness.numProcessingTimeTimers()).isZero();
    }
  }

  @Test
  void eachSystemHasItsOwnLifecycle() throws Exception {
    try (var harness = harness()) {
      double[] shop = {0.999, 0.999, 0.1, 0.1};
      double[] ticket = {0.1, 0.999, 0.1, 0.999};
      for (int i = 0; i < shop.length; i++) {
        harness.processElement(new StreamRecord<>(window("shop", i, shop[i]), i));
        harness.processElement(new StreamRecord<>(window("ticket", i, ticket[i]), i));
      }
      List<Alert> alerts = harness.extractOutputValues();
      assertThat(alerts)
          .extracting(a -> a.system + ":" + a.status)
          .containsExactly("shop:firing", "shop:resolved");
    }
  }

  @Test
  void aTrackUnseenForTheTtlIsForgotten() throws Exception {
    try (var harness = harness()) {
      harness.setStateTtlProcessingTime(0);
      harness.processElement(new StreamRecord<>(window("shop", 0, 0.999), 0));
      harness.processElement(new StreamRecord<>(window("shop", 1, 0.999), 1));
      assertThat(harness.numKeyedStateEntries()).isEqualTo(1);
      harness.setStateTtlProcessingTime(TTL.toMillis() + 1);
      // The expired track is gone: a new run of anomalous windows fires a new alert.
      harness.processElement(new StreamRecord<>(window("shop", 500, 0.999), 2));
      harness.processElement(new StreamRecord<>(window("shop", 501, 0.999), 3));
      List<Alert> alerts = harness.extractOutputValues();
      assertThat(alerts).extracting(a -> a.status).containsExactly(Alert.FIRING, Alert.FIRING);
      assertThat(alerts.get(1).id).isNotEqualTo(alerts.get(0).id);
    }
  }
}
