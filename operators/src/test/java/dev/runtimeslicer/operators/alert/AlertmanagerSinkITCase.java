package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.Alerts;
import java.time.Duration;
import java.util.List;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bounded stream of alerts through the sink on a Flink MiniCluster into a local Alertmanager
 * stand-in.
 */
class AlertmanagerSinkITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  private final AlertmanagerStub server = new AlertmanagerStub();

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Test
  void deliversEveryValidAlertInOrderAndFinishesDespiteAnInvalidOne() throws Exception {
    Alert invalid = Alerts.firing("shop");
    invalid.status = "pending";
    server.replyWith(new AlertmanagerStub.Reply(503, "starting up"));
    AlertmanagerSinkSettings settings =
        new AlertmanagerSinkSettings(
            server.url(),
            "https://flink.example/detect",
            Duration.ofSeconds(5),
            Duration.ofSeconds(10),
            3,
            Duration.ofMillis(100),
            Duration.ofMillis(100),
            Duration.ofMinutes(5),
            100);

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    // three alerts of their own (a newer state of a waiting alert would replace it in the sink's
    // queue)
    env.fromData(Alerts.firing("shop"), invalid, Alerts.firing("web"), Alerts.resolved("db"))
        // the sink travels to the task as bytes, so its sleeper is one that does not need the
        // test's memory
        .sinkTo(new AlertmanagerSink(settings, duration -> {}))
        .name("alerts to alertmanager");
    env.execute("alertmanager sink it");

    List<JsonNode> alerts = server.alerts();
    // the first request was answered 503 and retried with the same body
    assertThat(server.requests()).hasSize(4);
    assertThat(alerts.get(0)).isEqualTo(alerts.get(1));
    List<JsonNode> delivered = alerts.subList(1, alerts.size());
    // firing alerts end a few minutes after their post (the wall clock) unless renewed; the
    // resolved one when it resolved
    long postedAfter = System.currentTimeMillis() - 60_000;
    assertThat(delivered)
        .extracting(
            alert ->
                alert.get("labels").get("system").asText()
                    + " "
                    + (java.time.Instant.parse(alert.get("endsAt").asText()).toEpochMilli()
                        > postedAfter + 4 * 60_000))
        .containsExactly("shop true", "web true", "db false");
    assertThat(delivered.get(2).get("endsAt").asText()).isEqualTo("2026-01-01T00:10:00Z");
  }
}
