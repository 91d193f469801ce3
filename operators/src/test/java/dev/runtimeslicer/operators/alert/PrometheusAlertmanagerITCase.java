package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.alert.Alerts;
import dev.runtimeslicer.testkit.AlertmanagerProcess;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.testutils.MetricListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sink's writer against a real Prometheus Alertmanager (Debian's), stopped and started again
 * mid-run.
 */
class PrometheusAlertmanagerITCase {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final MetricListener metrics = new MetricListener();

  // enough attempts to outlast a restart: about 15 s of backoff
  private static AlertmanagerSinkSettings settings(String url) {
    return new AlertmanagerSinkSettings(
        url,
        "https://flink.example/detect",
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        20,
        Duration.ofMillis(100),
        Duration.ofSeconds(1),
        Duration.ofMinutes(5),
        100);
  }

  private long counter(String name) {
    return metrics.getCounter(name).map(Counter::getCount).orElseThrow();
  }

  private static List<String> activeSystems(AlertmanagerProcess alertmanager) throws Exception {
    List<String> systems = new ArrayList<>();
    for (JsonNode alert : MAPPER.readTree(alertmanager.alerts())) {
      assertThat(alert.get("status").get("state").asText()).isEqualTo("active");
      systems.add(alert.get("labels").get("system").asText());
    }
    return systems;
  }

  @Test
  @Timeout(180) // safety net only
  void alertsAppearResolveAndAreDeliveredAcrossARestartOfAlertmanager() throws Exception {
    try (AlertmanagerProcess alertmanager = AlertmanagerProcess.start();
        AlertmanagerWriter writer =
            new AlertmanagerWriter(
                settings(alertmanager.url()),
                Sleeper.REAL,
                InstantSource.system(),
                metrics.getMetricGroup())) {
      writer.write(Alerts.firing("shop"), null);
      writer.write(Alerts.firing("web"), null);
      writer.flush(true);
      assertThat(activeSystems(alertmanager)).containsExactlyInAnyOrder("shop", "web");
      JsonNode shop = MAPPER.readTree(alertmanager.alerts()).get(0);
      assertThat(shop.get("labels").has("alert_id")).isTrue();
      assertThat(shop.get("generatorURL").asText()).isEqualTo("https://flink.example/detect");

      writer.write(Alerts.resolved("shop"), null);
      writer.flush(true);
      assertThat(activeSystems(alertmanager)).containsExactly("web");

      alertmanager.stop();
      writer.write(Alerts.firing("db"), null);
      // the write returned with Alertmanager down: the alert waits for it, retried with backoff
      assertThat(metrics.getGauge(AlertmanagerWriter.PENDING).orElseThrow().getValue())
          .isEqualTo(1);
      alertmanager.restart();
      // a restarted Alertmanager has forgotten its alerts; web comes back with its next repeat
      writer.write(Alerts.firing("web"), null);
      writer.flush(true);

      assertThat(activeSystems(alertmanager)).containsExactlyInAnyOrder("web", "db");
    }
    assertThat(counter(AlertmanagerWriter.SENT)).isEqualTo(5);
    assertThat(counter(AlertmanagerWriter.DROPPED)).isZero();
    assertThat(counter(AlertmanagerWriter.RETRIED)).isPositive();
  }
}
