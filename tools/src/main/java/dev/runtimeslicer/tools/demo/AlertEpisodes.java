package dev.runtimeslicer.tools.demo;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Alert notifications (first, repeats, resolved) folded into one scored alert per alert id. Its
 * detection time is the end of the window its first notification fired on: only then could the job
 * know, while the alert's startsAt names the first anomalous window.
 */
public final class AlertEpisodes {

  private AlertEpisodes() {}

  /** One entry per alert id, in the order the alerts first fired. */
  public static List<ScoredAlert> of(List<Alert> notifications) {
    Map<String, Alert> first = new LinkedHashMap<>();
    Map<String, Long> ends = new LinkedHashMap<>();
    for (Alert alert : notifications) {
      if (alert.sequence == 0) {
        first.putIfAbsent(alert.id, alert);
      }
      if (Alert.RESOLVED.equals(alert.status)) {
        ends.put(alert.id, alert.endsAtMs);
      }
    }
    List<ScoredAlert> scored = new ArrayList<>();
    for (Alert fired : first.values()) {
      List<String> services = new ArrayList<>();
      for (RootCauseCandidate cause : fired.rootCauses) {
        services.add(cause.service);
      }
      long detectedMs = fired.windowEndMs;
      long endsMs = Math.max(detectedMs, ends.getOrDefault(fired.id, detectedMs));
      scored.add(new ScoredAlert(fired.system, detectedMs, endsMs, fired.failureType, services));
    }
    return scored;
  }
}
