package dev.runtimeslicer.operators.alert;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.AlertTrack;
import dev.runtimeslicer.model.alert.Alerts;
import dev.runtimeslicer.model.alert.NoTelemetryWatch;
import dev.runtimeslicer.model.task.AlertEvidence;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.ServiceEdge;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AlertmanagerPayloadTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final AlertmanagerPayload payload =
      new AlertmanagerPayload("https://flink.example/jobs/detect", 300_000);

  /** When the notifications are posted. */
  private static final long POSTED_MS =
      java.time.Instant.parse("2026-01-01T00:30:00Z").toEpochMilli();

  private JsonNode body(Alert alert) throws Exception {
    JsonNode body = MAPPER.readTree(payload.body(alert, POSTED_MS));
    assertThat(body.isArray()).isTrue();
    assertThat(body).hasSize(1);
    return body.get(0);
  }

  @Test
  void firingAlertEndsAFewRepeatIntervalsAfterItsPostUnlessRenewed() throws Exception {
    JsonNode alert = body(Alerts.firing("shop"));

    assertThat(alert.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    // Alertmanager's clock: five minutes after the post, not after the window
    assertThat(alert.get("endsAt").asText()).isEqualTo("2026-01-01T00:35:00Z");
    assertThat(alert.get("generatorURL").asText()).isEqualTo("https://flink.example/jobs/detect");
    assertThat(MAPPER.convertValue(alert.get("labels"), Map.class))
        .isEqualTo(
            Map.of(
                "alertname",
                "RuntimeSlicerFailure",
                "system",
                "shop",
                "alert_id",
                "shop-1767225600000",
                "severity",
                "critical"));
  }

  @Test
  void aNoTelemetryAlertHasItsOwnNameAndSaysSinceWhenTheSystemIsSilent() throws Exception {
    AlertTrack track = new AlertTrack();
    NoTelemetryWatch watch = new NoTelemetryWatch(300_000, 60_000, 3_600_000);
    watch.onWindow(track, Alerts.T0);
    Alert silent = watch.onCheck(track, "shop", Alerts.T0 + 300_000, Alerts.T0).alerts().get(0);

    JsonNode alert = body(silent);

    assertThat(alert.get("labels").get("alertname").asText())
        .isEqualTo(AlertmanagerPayload.NO_TELEMETRY_ALERT_NAME);
    assertThat(alert.get("labels").get("system").asText()).isEqualTo("shop");
    assertThat(alert.get("annotations").get("summary").asText())
        .startsWith("No telemetry from shop since 2026-01-01T00:00:00Z");
    assertThat(body(Alerts.firing("shop")).get("labels").get("alertname").asText())
        .isEqualTo(AlertmanagerPayload.ALERT_NAME);
  }

  @Test
  void resolvedAlertHasItsEnd() throws Exception {
    JsonNode alert = body(Alerts.resolved("shop"));

    assertThat(alert.get("startsAt").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(alert.get("endsAt").asText()).isEqualTo("2026-01-01T00:10:00Z");
  }

  @Test
  void labelsStayTheSameFromFiringToResolvedWhileAnnotationsFollowTheLatestNotification()
      throws Exception {
    // the resolved notification changes score, state, failure type and top root cause
    JsonNode firing = body(Alerts.firing("shop"));
    JsonNode resolved = body(Alerts.resolved("shop"));

    assertThat(resolved.get("labels")).isEqualTo(firing.get("labels"));
    assertThat(firing.get("annotations").get("root_cause_service").asText()).isEqualTo("cart");
    assertThat(resolved.get("annotations").get("root_cause_service").asText()).isEqualTo("db");
    assertThat(firing.get("annotations").get("failure_type").asText()).isEqualTo("cpu_saturation");
    assertThat(resolved.get("annotations").get("failure_type").asText()).isEqualTo("memory_leak");
    assertThat(resolved.get("annotations").get("anomaly_score").asText()).isEqualTo("0.120");
  }

  @Test
  void twoAlertsOfOneSystemAreTwoAlertsInAlertmanager() {
    Alert later = Alerts.firing("shop");
    later.startsAtMs = Alerts.T0 + 3_600_000;
    later.id = Alert.idOf("shop", later.startsAtMs);

    assertThat(AlertmanagerPayload.labels(later))
        .isNotEqualTo(AlertmanagerPayload.labels(Alerts.firing("shop")));
  }

  @Test
  void annotationsDescribeTheNotificationForPeople() throws Exception {
    JsonNode annotations = body(Alerts.firing("shop")).get("annotations");

    assertThat(annotations.get("summary").asText())
        .isEqualTo("Failure in shop: cpu_saturation (probability 0.870), most suspect: cart");
    assertThat(annotations.get("description").asText())
        .isEqualTo(
            String.join(
                "\n",
                "Anomaly score 0.930 in window 2026-01-01T00:00:00Z/2026-01-01T00:01:00Z, runtime"
                    + " state 4.",
                "Root-cause candidates:",
                "1. cart (cart-0), score 0.910",
                "2. db, score 0.400",
                "Evidence:",
                "- traces cart: latency p99 (ms) 1250 (normal 80)",
                "- metrics cart: cpu 0.980 (normal 0.350)",
                "Changed calls:",
                "- frontend -> cart: slower, 180 calls/min (normal 200), 0% failed (normal 1%),"
                    + " 950 ms (normal 40 ms)"));
    assertThat(annotations.get("changed_calls").asText())
        .isEqualTo(
            "frontend -> cart: slower, 180 calls/min (normal 200), 0% failed (normal 1%), 950 ms"
                + " (normal 40 ms)");
    assertThat(annotations.get("anomaly_score").asText()).isEqualTo("0.930");
    assertThat(annotations.get("failure_probability").asText()).isEqualTo("0.870");
    assertThat(annotations.get("root_cause_instance").asText()).isEqualTo("cart-0");
    assertThat(annotations.get("state").asText()).isEqualTo("4");
    assertThat(annotations.get("novel_state").asText()).isEqualTo("false");
    assertThat(annotations.get("answer_triage").asText()).isEqualTo("cpu_saturation (0.870)");
    assertThat(annotations.get("answer_blast_radius").asText()).isEqualTo("one service (0.600)");
    assertThat(annotations.get("exemplar_trace_ids").asText())
        .isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736,00f067aa0ba902b7a3ce929d0e0e4736");
    assertThat(annotations.get("window").asText())
        .isEqualTo("2026-01-01T00:00:00Z/2026-01-01T00:01:00Z");
  }

  @Test
  void leavesOutWhatTheNotificationDoesNotKnow() throws Exception {
    Alert resolved = Alerts.resolved("shop");
    resolved.rootCauses = List.of(new RootCauseCandidate("db", null, 0.7));
    resolved.dependencies.removeIf(ServiceEdge::changed);

    JsonNode alert =
        MAPPER.readTree(new AlertmanagerPayload(null, 300_000).body(resolved, POSTED_MS)).get(0);

    assertThat(alert.has("generatorURL")).isFalse();
    assertThat(alert.get("annotations").has("exemplar_trace_ids")).isFalse();
    assertThat(alert.get("annotations").has("root_cause_instance")).isFalse();
    assertThat(alert.get("annotations").has("changed_calls")).isFalse();
    assertThat(alert.get("annotations").get("root_cause_service").asText()).isEqualTo("db");
    assertThat(alert.get("annotations").get("description").asText()).doesNotContain("Evidence:");
  }

  @Test
  void escapesQuotesNewlinesAndNonAsciiSoAlertmanagerReadsTheExactText() throws Exception {
    String system = "shop \"eu\\west\"\n\t</script>";
    Alert alert = Alerts.firing(system);
    alert.rootCauses = List.of(new RootCauseCandidate("cärt ✓ \"x\"", null, 1));
    alert.evidence =
        List.of(new AlertEvidence("logs", "cärt", "template \"<*> failed\\n\"", 0, 12));

    String raw = payload.body(alert, POSTED_MS);
    JsonNode parsed = MAPPER.readTree(raw).get(0);

    assertThat(raw).doesNotContain("\n").doesNotContain("\t");
    assertThat(parsed.get("labels").get("system").asText()).isEqualTo(system);
    assertThat(parsed.get("labels").get("alert_id").asText()).isEqualTo(alert.id);
    assertThat(parsed.get("annotations").get("root_cause_service").asText())
        .isEqualTo("cärt ✓ \"x\"");
    assertThat(parsed.get("annotations").get("description").asText())
        .contains("- logs cärt: template \"<*> failed\\n\" 12 (normal 0)");
  }

  @Test
  void namesWhatMakesAnAlertUnfitForAlertmanager() {
    assertThat(AlertmanagerPayload.problem(Alerts.firing("shop"))).isNull();
    assertThat(AlertmanagerPayload.problem(Alerts.resolved("shop"))).isNull();
    assertThat(AlertmanagerPayload.problem(with(a -> a.id = null))).isEqualTo("no id");
    assertThat(AlertmanagerPayload.problem(with(a -> a.system = ""))).isEqualTo("no system");
    assertThat(AlertmanagerPayload.problem(with(a -> a.status = "pending"))).contains("'pending'");
    assertThat(AlertmanagerPayload.problem(with(a -> a.startsAtMs = 0))).contains("no start time");
    Alert unended = Alerts.resolved("shop");
    unended.endsAtMs = 0;
    assertThat(AlertmanagerPayload.problem(unended)).contains("before its start");
  }

  @Test
  void toleratesMissingListsAndNullEntries() throws Exception {
    Alert alert = Alerts.firing("shop");
    alert.rootCauses = null;
    alert.evidence = java.util.Arrays.asList((AlertEvidence) null);
    alert.exemplarTraceIds = java.util.Arrays.asList(null, "abc");

    JsonNode annotations = body(alert).get("annotations");

    assertThat(annotations.get("summary").asText()).endsWith("no root-cause candidate");
    assertThat(annotations.has("root_cause_service")).isFalse();
    assertThat(annotations.get("exemplar_trace_ids").asText()).isEqualTo("abc");
  }

  private static Alert with(java.util.function.Consumer<Alert> change) {
    Alert alert = Alerts.firing("shop");
    change.accept(alert);
    return alert;
  }
}
