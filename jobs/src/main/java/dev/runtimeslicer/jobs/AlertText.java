package dev.runtimeslicer.jobs;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.task.AlertEvidence;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.ServiceEdge;
import java.time.Instant;
import java.util.Locale;
import java.util.StringJoiner;

/** An alert notification as a few lines for a person at a terminal. */
public final class AlertText {

  private AlertText() {}

  public static String format(Alert alert) {
    StringBuilder out = new StringBuilder();
    if (Alert.FIRING.equals(alert.status)) {
      // Two times, both event time: the anomaly's start (its first anomalous window's start) and
      // the end of the window this notification is about (for a new alert, the window it fired on).
      out.append(
          String.format(
              Locale.ROOT,
              "FIRING   %s  anomalous since %s, window ending %s  score %.4f  state %d%s%n",
              alert.id,
              Instant.ofEpochMilli(alert.startsAtMs),
              Instant.ofEpochMilli(alert.windowEndMs),
              alert.anomalyScore,
              alert.state,
              alert.novelState ? " (novel)" : ""));
      out.append(
          String.format(
              Locale.ROOT,
              "  failure type: %s (p=%.2f)%n",
              alert.failureType,
              alert.failureProbability));
      StringJoiner causes = new StringJoiner(", ");
      for (RootCauseCandidate cause : alert.rootCauses) {
        causes.add(
            String.format(
                Locale.ROOT,
                "%s%s %.2f",
                cause.service,
                cause.instance == null ? "" : " (" + cause.instance + ")",
                cause.score));
      }
      out.append("  root causes: ").append(causes).append(System.lineSeparator());
      for (AlertEvidence evidence : alert.evidence) {
        out.append("  evidence: ").append(evidence.text()).append(System.lineSeparator());
      }
      for (ServiceEdge edge : alert.dependencies) {
        if (edge.changed()) {
          out.append("  changed call: ").append(edge.describe()).append(System.lineSeparator());
        }
      }
      if (!alert.exemplarTraceIds.isEmpty()) {
        out.append("  exemplar traces: ")
            .append(String.join(" ", alert.exemplarTraceIds))
            .append(System.lineSeparator());
      }
    } else {
      out.append(
          String.format(
              Locale.ROOT,
              "RESOLVED %s  %s .. %s%n",
              alert.id,
              Instant.ofEpochMilli(alert.startsAtMs),
              Instant.ofEpochMilli(alert.endsAtMs)));
    }
    return out.toString().stripTrailing();
  }
}
