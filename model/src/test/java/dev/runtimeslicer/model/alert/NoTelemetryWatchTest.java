package dev.runtimeslicer.model.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.task.SliceAssessment;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoTelemetryWatchTest {

  private static final long MINUTE = 60_000;
  private static final long START = 1_767_225_600_000L; // processing time of the job's start
  private final NoTelemetryWatch watch = new NoTelemetryWatch(5 * MINUTE, MINUTE, 60 * MINUTE);

  private static SliceAssessment window(int index, double score) {
    SliceAssessment a = new SliceAssessment();
    a.system = "shop";
    a.windowStartMs = index * MINUTE;
    a.windowEndMs = index * MINUTE + MINUTE;
    a.anomalyScore = score;
    a.anomalous = score >= 0.99;
    a.failureType = "cpu";
    return a;
  }

  private static List<String> describe(List<Alert> alerts) {
    return alerts.stream().map(a -> a.failureType + " " + a.status + " " + a.sequence).toList();
  }

  @Test
  void aSystemWithoutWindowsGetsOneAlertAfterTheSilenceThenRepeatsAndTheNextWindowResolvesIt() {
    AlertTrack track = new AlertTrack();
    watch.onWindow(track, START);

    assertThat(watch.nextCheckMs(track, START)).isEqualTo(START + 5 * MINUTE);
    assertThat(watch.onCheck(track, "shop", START + 5 * MINUTE - 1, START).alerts()).isEmpty();
    List<Alert> fired = watch.onCheck(track, "shop", START + 5 * MINUTE, START).alerts();
    assertThat(describe(fired)).containsExactly("no_telemetry firing 0");
    assertThat(fired.get(0).startsAtMs).isEqualTo(START); // when the system was last heard of
    assertThat(fired.get(0).id).isEqualTo("shop-no-telemetry-" + START);

    assertThat(watch.nextCheckMs(track, START)).isEqualTo(START + 6 * MINUTE);
    assertThat(describe(watch.onCheck(track, "shop", START + 6 * MINUTE, START).alerts()))
        .containsExactly("no_telemetry firing 1");

    List<Alert> back = watch.onWindow(track, START + 6 * MINUTE + 30_000);
    assertThat(describe(back)).containsExactly("no_telemetry resolved 2");
    assertThat(back.get(0).id).isEqualTo(fired.get(0).id);
    assertThat(back.get(0).endsAtMs).isEqualTo(START + 6 * MINUTE + 30_000);
    assertThat(track.noTelemetry).isNull();
  }

  @Test
  void aFailureAlertFiringWhenTheSystemFallsSilentIsRepeatedNotResolvedUntilTheSystemIsForgotten() {
    AlertTrack track = new AlertTrack();
    AlertLifecycle lifecycle = new AlertLifecycle(2, 2, 0.9, 0);
    watch.onWindow(track, START);
    lifecycle.next(track, window(0, 0.999));
    List<Alert> firing = lifecycle.next(track, window(1, 0.999));
    assertThat(describe(firing)).containsExactly("cpu firing 0");

    assertThat(describe(watch.onCheck(track, "shop", START + 5 * MINUTE, START).alerts()))
        .containsExactly("no_telemetry firing 0", "cpu firing 1");
    assertThat(describe(watch.onCheck(track, "shop", START + 6 * MINUTE, START).alerts()))
        .containsExactly("no_telemetry firing 1", "cpu firing 2");
    assertThat(watch.nextCheckMs(track, START)).isEqualTo(START + 7 * MINUTE);

    NoTelemetryWatch.Check forgotten = watch.onCheck(track, "shop", START + 60 * MINUTE, START);
    assertThat(forgotten.forget()).isTrue();
    assertThat(describe(forgotten.alerts()))
        .containsExactly("no_telemetry resolved 2", "cpu resolved 3");
    assertThat(forgotten.alerts().get(1).id).isEqualTo(firing.get(0).id);
    assertThat(forgotten.alerts().get(1).endsAtMs).isEqualTo(window(1, 0).windowEndMs);
  }

  @Test
  void silenceCountsFromTheWatchersStartSoARestartDoesNotCallEverySystemSilent() {
    AlertTrack track = new AlertTrack();
    watch.onWindow(track, START);
    long restartedAt = START + 30 * MINUTE; // the job was down for half an hour

    assertThat(watch.nextCheckMs(track, restartedAt)).isEqualTo(restartedAt + 5 * MINUTE);
    assertThat(watch.onCheck(track, "shop", restartedAt, restartedAt).alerts()).isEmpty();
    assertThat(
            describe(watch.onCheck(track, "shop", restartedAt + 5 * MINUTE, restartedAt).alerts()))
        .containsExactly("no_telemetry firing 0");
  }

  @Test
  void refusesASilenceNoShorterThanTheForgetting() {
    assertThatThrownBy(() -> new NoTelemetryWatch(5 * MINUTE, MINUTE, 5 * MINUTE))
        .hasMessageContaining("forget > silence");
    assertThatThrownBy(() -> new NoTelemetryWatch(0, MINUTE, 5 * MINUTE))
        .hasMessageContaining("silence > 0");
  }
}
