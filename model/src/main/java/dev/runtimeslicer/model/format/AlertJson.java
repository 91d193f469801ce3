package dev.runtimeslicer.model.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.task.AlertEvidence;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.ServiceEdge;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.TreeMap;

/**
 * JSON form of an alert as written to the alerts topic: every field of {@link Alert} under its Java
 * name, each epoch-ms time also as an ISO-8601 UTC string, evidence also as its text line.
 */
public final class AlertJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private AlertJson() {}

  /**
   * One line of JSON; names are written out here, not derived, so a refactoring cannot rename them.
   */
  public static String write(Alert alert) {
    try {
      return MAPPER.writeValueAsString(tree(alert));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write alert " + alert.id + " as JSON", e);
    }
  }

  /**
   * Reads an alert written by {@link #write}; the ISO strings and evidence text are derived, so
   * they are skipped.
   */
  public static Alert read(String json) {
    try {
      return MAPPER.readValue(json, Alert.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an alert: " + e.getOriginalMessage(), e);
    }
  }

  /** An epoch-ms time as ISO-8601 UTC, or null for 0 (not set). */
  public static String isoTime(long epochMs) {
    return epochMs == 0
        ? null
        : DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMs));
  }

  private static ObjectNode tree(Alert alert) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("id", alert.id);
    node.put("system", alert.system);
    node.put("status", alert.status);
    node.put("sequence", alert.sequence);
    time(node, "startsAt", alert.startsAtMs);
    time(node, "endsAt", alert.endsAtMs);
    time(node, "windowStart", alert.windowStartMs);
    time(node, "windowEnd", alert.windowEndMs);
    node.put("anomalyScore", alert.anomalyScore);
    node.put("state", alert.state);
    node.put("novelState", alert.novelState);
    node.put("failureType", alert.failureType);
    node.put("failureProbability", alert.failureProbability);
    ObjectNode answers = node.putObject("answers");
    if (alert.answers != null) {
      new TreeMap<>(alert.answers)
          .forEach(
              (head, answer) ->
                  answers
                      .putObject(head)
                      .put("label", answer.label)
                      .put("probability", answer.probability));
    }
    ArrayNode causes = node.putArray("rootCauses");
    for (RootCauseCandidate cause : orEmpty(alert.rootCauses)) {
      causes
          .addObject()
          .put("service", cause.service)
          .put("instance", cause.instance)
          .put("score", cause.score);
    }
    ArrayNode evidence = node.putArray("evidence");
    for (AlertEvidence item : orEmpty(alert.evidence)) {
      evidence
          .addObject()
          .put("modality", item.modality)
          .put("service", item.service)
          .put("feature", item.feature)
          .put("normal", item.normal)
          .put("current", item.current)
          .put("text", item.text());
    }
    ArrayNode traces = node.putArray("exemplarTraceIds");
    orEmpty(alert.exemplarTraceIds).forEach(traces::add);
    ArrayNode dependencies = node.putArray("dependencies");
    for (ServiceEdge edge : orEmpty(alert.dependencies)) {
      ObjectNode out =
          dependencies
              .addObject()
              .put("caller", edge.caller)
              .put("callee", edge.callee)
              .put("callsPerMinute", edge.callsPerMinute);
      out.put("errorShare", edge.errorShare);
      out.put("meanMs", edge.meanMs);
      out.put("normalCallsPerMinute", edge.normalCallsPerMinute);
      out.put("normalErrorShare", edge.normalErrorShare);
      out.put("normalMeanMs", edge.normalMeanMs);
      out.put("change", edge.change);
      out.put("declared", edge.declared);
    }
    return node;
  }

  private static void time(ObjectNode node, String name, long epochMs) {
    node.put(name + "Ms", epochMs);
    node.put(name, isoTime(epochMs));
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }
}
