package dev.runtimeslicer.operators.alert;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.NoTelemetryWatch;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.task.AlertEvidence;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.ServiceEdge;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An alert as Alertmanager's v2 API takes it (a "postable alert"). Alertmanager identifies an alert
 * by its whole label set, so labels hold only what stays fixed for the alert's lifetime (name,
 * system, id, severity); everything decided anew per notification, the failure type and root cause
 * included, goes to annotations, which Alertmanager overwrites with the latest.
 */
public final class AlertmanagerPayload {

  /** The {@code alertname} label of every failure alert. */
  public static final String ALERT_NAME = "RuntimeSlicerFailure";

  /**
   * The {@code alertname} label of an alert on a system that stopped sending ({@link
   * NoTelemetryWatch}).
   */
  public static final String NO_TELEMETRY_ALERT_NAME = "RuntimeSlicerNoTelemetry";

  /**
   * The {@code severity} label: constant, because a severity derived from scores would change the
   * alert's identity.
   */
  public static final String SEVERITY = "critical";

  /** Changed calls an alert names: Alertmanager's templates and receivers show a few lines. */
  static final int CHANGED_CALLS = 5;

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final String generatorUrl;
  private final long firingValidityMs;

  /**
   * Payloads whose {@code generatorURL} is {@code generatorUrl} (null or empty leaves it out) and
   * whose firing alerts end {@code firingValidityMs} after they are posted unless renewed.
   */
  public AlertmanagerPayload(String generatorUrl, long firingValidityMs) {
    this.generatorUrl = generatorUrl == null || generatorUrl.isEmpty() ? null : generatorUrl;
    this.firingValidityMs = firingValidityMs;
  }

  /**
   * Why Alertmanager could not take {@code alert} (or would file it under the wrong identity), or
   * null when it can.
   */
  public static String problem(Alert alert) {
    if (alert.id == null || alert.id.isEmpty()) {
      return "no id";
    }
    if (alert.system == null || alert.system.isEmpty()) {
      return "no system";
    }
    if (!Alert.FIRING.equals(alert.status) && !Alert.RESOLVED.equals(alert.status)) {
      return "status '" + alert.status + "' is neither firing nor resolved";
    }
    if (alert.startsAtMs <= 0) {
      return "no start time (startsAtMs " + alert.startsAtMs + ")";
    }
    if (Alert.RESOLVED.equals(alert.status) && alert.endsAtMs < alert.startsAtMs) {
      return "resolved, but its end (endsAtMs "
          + alert.endsAtMs
          + ") is before its start (startsAtMs "
          + alert.startsAtMs
          + ")";
    }
    return null;
  }

  /**
   * The request body for one alert posted at {@code nowMs}: a JSON array holding its postable
   * alert. Call only when {@link #problem} is null.
   */
  public String body(Alert alert, long nowMs) {
    ArrayNode array = MAPPER.createArrayNode();
    array.add(postableAlert(alert, nowMs));
    try {
      return MAPPER.writeValueAsString(array);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write alert " + alert.id + " for Alertmanager", e);
    }
  }

  /** The postable alert: labels, annotations, startsAt, endsAt, generatorURL. */
  public ObjectNode postableAlert(Alert alert, long nowMs) {
    ObjectNode node = MAPPER.createObjectNode();
    node.set("labels", MAPPER.valueToTree(labels(alert)));
    node.set("annotations", MAPPER.valueToTree(annotations(alert)));
    node.put("startsAt", AlertJson.isoTime(alert.startsAtMs));
    // A firing alert ends a few repeat intervals after this post unless a repeat renews it, so
    // Alertmanager resolves it by itself when the job has stopped; Alertmanager compares endsAt
    // with its own clock, hence the post's time and not the window's.
    node.put(
        "endsAt",
        AlertJson.isoTime(
            Alert.RESOLVED.equals(alert.status) ? alert.endsAtMs : nowMs + firingValidityMs));
    if (generatorUrl != null) {
      node.put("generatorURL", generatorUrl);
    }
    return node;
  }

  /** The identity of the alert in Alertmanager, equal for all of its notifications. */
  public static Map<String, String> labels(Alert alert) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(
        "alertname", NoTelemetryWatch.isNoTelemetry(alert) ? NO_TELEMETRY_ALERT_NAME : ALERT_NAME);
    labels.put("system", alert.system);
    labels.put("alert_id", alert.id);
    labels.put("severity", SEVERITY);
    return labels;
  }

  /** What this notification says about the alert; empty values are left out. */
  public static Map<String, String> annotations(Alert alert) {
    Map<String, String> annotations = new LinkedHashMap<>();
    RootCauseCandidate top = orEmpty(alert.rootCauses).isEmpty() ? null : alert.rootCauses.get(0);
    annotations.put("summary", summary(alert, top));
    annotations.put("description", description(alert));
    annotations.put("anomaly_score", number(alert.anomalyScore));
    annotations.put("failure_type", alert.failureType);
    annotations.put("failure_probability", number(alert.failureProbability));
    annotations.put("root_cause_service", top == null ? null : top.service);
    annotations.put("root_cause_instance", top == null ? null : top.instance);
    annotations.put("state", Integer.toString(alert.state));
    annotations.put("novel_state", Boolean.toString(alert.novelState));
    annotations.put(
        "exemplar_trace_ids", String.join(",", nonNull(orEmpty(alert.exemplarTraceIds))));
    annotations.put("changed_calls", changedCalls(alert, "; "));
    annotations.put("window", window(alert));
    if (alert.answers != null) {
      // Every task head's answer, under its name: a new head reaches Alertmanager unchanged.
      new TreeMap<>(alert.answers)
          .forEach(
              (head, answer) ->
                  annotations.put(
                      "answer_" + head, answer.label + " (" + number(answer.probability) + ")"));
    }
    annotations.values().removeIf(value -> value == null || value.isEmpty());
    return annotations;
  }

  private static String summary(Alert alert, RootCauseCandidate top) {
    if (NoTelemetryWatch.isNoTelemetry(alert)) {
      return "No telemetry from "
          + alert.system
          + " since "
          + AlertJson.isoTime(alert.startsAtMs)
          + ": no window of metrics, traces or logs has closed since";
    }
    String type =
        alert.failureType == null || alert.failureType.isEmpty() ? "unknown" : alert.failureType;
    String where =
        top == null || top.service == null
            ? "no root-cause candidate"
            : "most suspect: " + top.service;
    return "Failure in "
        + alert.system
        + ": "
        + type
        + " (probability "
        + number(alert.failureProbability)
        + "), "
        + where;
  }

  private static String description(Alert alert) {
    if (NoTelemetryWatch.isNoTelemetry(alert)) {
      return "The job has had no window of "
          + alert.system
          + " since "
          + AlertJson.isoTime(alert.startsAtMs)
          + " (processing time). Check the system's OpenTelemetry SDKs and Collectors, and the"
          + " Kafka topics the job reads.";
    }
    List<String> lines = new ArrayList<>();
    String window = window(alert);
    lines.add(
        "Anomaly score "
            + number(alert.anomalyScore)
            + (window == null ? "" : " in window " + window)
            + ", runtime state "
            + alert.state
            + (alert.novelState ? " (novel: far from every known state)" : "")
            + ".");
    List<RootCauseCandidate> causes = orEmpty(alert.rootCauses);
    if (!causes.isEmpty()) {
      lines.add("Root-cause candidates:");
      for (int i = 0; i < causes.size(); i++) {
        RootCauseCandidate cause = causes.get(i);
        if (cause != null) {
          String instance = cause.instance == null ? "" : " (" + cause.instance + ")";
          lines.add((i + 1) + ". " + cause.service + instance + ", score " + number(cause.score));
        }
      }
    }
    List<AlertEvidence> evidence = orEmpty(alert.evidence);
    if (!evidence.isEmpty()) {
      lines.add("Evidence:");
      evidence.stream().filter(item -> item != null).forEach(item -> lines.add("- " + item.text()));
    }
    String changed = changedCalls(alert, "\n- ");
    if (!changed.isEmpty()) {
      lines.add("Changed calls:");
      lines.add("- " + changed);
    }
    return String.join("\n", lines);
  }

  /**
   * The first {@link #CHANGED_CALLS} changed edges of the alert's service graph, described and
   * joined by {@code separator}; empty without any.
   */
  private static String changedCalls(Alert alert, String separator) {
    List<String> out = new ArrayList<>();
    for (ServiceEdge edge : orEmpty(alert.dependencies)) {
      if (edge != null && edge.changed() && out.size() < CHANGED_CALLS) {
        out.add(edge.describe());
      }
    }
    return String.join(separator, out);
  }

  /** The decision window as an ISO-8601 interval, or null when the alert does not name one. */
  private static String window(Alert alert) {
    if (alert.windowEndMs == 0) {
      return null;
    }
    return AlertJson.isoTime(alert.windowStartMs) + "/" + AlertJson.isoTime(alert.windowEndMs);
  }

  private static String number(double value) {
    return String.format(Locale.ROOT, "%.3f", value);
  }

  private static List<String> nonNull(List<String> values) {
    return values.stream().filter(value -> value != null && !value.isEmpty()).toList();
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
