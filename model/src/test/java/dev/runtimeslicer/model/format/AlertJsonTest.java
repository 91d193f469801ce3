package dev.runtimeslicer.model.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.Alerts;
import org.junit.jupiter.api.Test;

class AlertJsonTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void writesEveryFieldUnderItsStableNameWithIsoTimes() {
    String json = AlertJson.write(Alerts.firing("shop"));

    assertThat(json)
        .isEqualTo(
            """
            {"id":"shop-1767225600000","system":"shop","status":"firing","sequence":0,\
            "startsAtMs":1767225600000,"startsAt":"2026-01-01T00:00:00Z","endsAtMs":0,\
            "endsAt":null,"windowStartMs":1767225600000,"windowStart":"2026-01-01T00:00:00Z",\
            "windowEndMs":1767225660000,"windowEnd":"2026-01-01T00:01:00Z","anomalyScore":0.93,\
            "state":4,"novelState":false,"failureType":"cpu_saturation","failureProbability":0.87,\
            "answers":{"blast_radius":{"label":"one service","probability":0.6},\
            "triage":{"label":"cpu_saturation","probability":0.87}},"rootCauses":[{"service":"cart","instance":"cart-0","score":0.91},{"service":"db",\
            "instance":null,"score":0.4}],"evidence":[{"modality":"traces","service":"cart",\
            "feature":"latency p99 (ms)","normal":80.0,"current":1250.0,\
            "text":"traces cart: latency p99 (ms) 1250 (normal 80)"},\
            {"modality":"metrics","service":"cart","feature":"cpu","normal":0.35,"current":0.98,\
            "text":"metrics cart: cpu 0.980 (normal 0.350)"}],"exemplarTraceIds":["4bf92f3577b34da6a3ce929d0e0e4736",\
            "00f067aa0ba902b7a3ce929d0e0e4736"],"dependencies":[{"caller":"frontend",\
            "callee":"cart","callsPerMinute":180.0,"errorShare":0.0,"meanMs":950.0,\
            "normalCallsPerMinute":200.0,"normalErrorShare":0.01,"normalMeanMs":40.0,\
            "change":"slower","declared":false},{"caller":"cart","callee":"cart-cache",\
            "callsPerMinute":0.0,"errorShare":null,"meanMs":null,"normalCallsPerMinute":null,\
            "normalErrorShare":null,"normalMeanMs":null,"change":"","declared":true}]}\
            """);
  }

  @Test
  void resolvedAlertHasItsEndAsMillisAndIsoTime() throws Exception {
    Alert resolved = Alerts.resolved("shop");
    resolved.endsAtMs = Alerts.T0 + 600_123;

    JsonNode json = MAPPER.readTree(AlertJson.write(resolved));

    assertThat(json.get("status").asText()).isEqualTo("resolved");
    assertThat(json.get("endsAtMs").asLong()).isEqualTo(Alerts.T0 + 600_123);
    assertThat(json.get("endsAt").asText()).isEqualTo("2026-01-01T00:10:00.123Z");
  }

  @Test
  void readsBackWhatItWrote() {
    Alert alert = Alerts.resolved("shop \"eu\"\n");

    assertThat(AlertJson.read(AlertJson.write(alert))).usingRecursiveComparison().isEqualTo(alert);
  }

  @Test
  void writesMissingListsAsEmptyArraysInsteadOfFailing() throws Exception {
    Alert alert = Alerts.firing("shop");
    alert.rootCauses = null;
    alert.evidence = null;
    alert.exemplarTraceIds = null;
    alert.dependencies = null;

    JsonNode json = MAPPER.readTree(AlertJson.write(alert));

    assertThat(json.get("rootCauses").isEmpty()).isTrue();
    assertThat(json.get("evidence").isEmpty()).isTrue();
    assertThat(json.get("exemplarTraceIds").isEmpty()).isTrue();
    assertThat(json.get("dependencies").isEmpty()).isTrue();
  }

  @Test
  void rejectsTextThatIsNoAlert() {
    assertThatThrownBy(() -> AlertJson.read("{\"id\": ["))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("not an alert");
  }
}
