package dev.runtimeslicer.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertEpisodesTest {

  private static Alert notification(
      String id, String status, int sequence, long startsAt, long windowStart, long endsAt) {
    Alert alert = new Alert();
    alert.id = id;
    alert.system = "shop";
    alert.status = status;
    alert.sequence = sequence;
    alert.startsAtMs = startsAt;
    alert.windowStartMs = windowStart;
    alert.windowEndMs = windowStart + 60_000;
    alert.endsAtMs = endsAt;
    alert.failureType = "http_5xx";
    RootCauseCandidate cause = new RootCauseCandidate();
    cause.service = "cart";
    alert.rootCauses = List.of(cause);
    return alert;
  }

  @Test
  void detectionTimeIsTheEndOfTheFirstNotificationsWindowNotTheAlertsStart() {
    List<ScoredAlert> scored =
        AlertEpisodes.of(
            List.of(
                notification("a", Alert.FIRING, 0, 100_000, 120_000, 0),
                notification("a", Alert.FIRING, 1, 100_000, 180_000, 0),
                notification("a", Alert.RESOLVED, 2, 100_000, 300_000, 290_000)));

    assertThat(scored)
        .containsExactly(new ScoredAlert("shop", 180_000, 290_000, "http_5xx", List.of("cart")));
  }

  @Test
  void anAlertStillFiringEndsAtItsDetectionAndRepeatsAloneAreNoAlert() {
    List<ScoredAlert> scored =
        AlertEpisodes.of(
            List.of(
                notification("b", Alert.FIRING, 0, 500_000, 520_000, 0),
                notification("orphan", Alert.FIRING, 3, 0, 10_000, 0)));

    assertThat(scored)
        .extracting(ScoredAlert::firedAtMs, ScoredAlert::endsAtMs)
        .containsExactly(org.assertj.core.groups.Tuple.tuple(580_000L, 580_000L));
  }
}
