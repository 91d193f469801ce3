package dev.runtimeslicer.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.task.HeadAnswer;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.SliceAssessment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertLifecycleTest {

  private static final long SLIDE = 10_000;
  private static final long SIZE = 60_000;

  private static SliceAssessment window(int index, double score, String rootCause) {
    SliceAssessment a = new SliceAssessment();
    a.system = "shop";
    a.windowStartMs = index * SLIDE;
    a.windowEndMs = index * SLIDE + SIZE;
    a.anomalyScore = score;
    a.fireScore = 0.99;
    a.anomalous = score >= 0.99;
    a.failureType = "cpu";
    a.rootCauses =
        new ArrayList<>(
            List.of(
                new RootCauseCandidate(rootCause, null, 5),
                new RootCauseCandidate("b", null, 4),
                new RootCauseCandidate("c", null, 3),
                new RootCauseCandidate("d", null, 2)));
    return a;
  }

  private static List<Alert> run(AlertLifecycle lifecycle, double... scores) {
    AlertTrack track = new AlertTrack();
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      out.addAll(lifecycle.next(track, window(i, scores[i], i < 4 ? "cart" : "other")));
    }
    return out;
  }

  @Test
  void firesAfterConsecutiveAnomalousWindowsAndResolvesAfterCalmOnes() {
    List<Alert> alerts =
        run(
            new AlertLifecycle(2, 3, 0.9, 0),
            0.1,
            0.995,
            0.2,
            0.995,
            0.999,
            0.999,
            0.5,
            0.3,
            0.2,
            0.1);
    assertThat(alerts).hasSize(2);
    Alert firing = alerts.get(0);
    assertThat(firing.status).isEqualTo(Alert.FIRING);
    // The lone anomalous window 1 did not fire; the run starting at window 3 did, on its second
    // window.
    assertThat(firing.startsAtMs).isEqualTo(3 * SLIDE);
    assertThat(firing.windowStartMs).isEqualTo(4 * SLIDE);
    assertThat(firing.endsAtMs).isZero();
    assertThat(firing.rootCauses).extracting(c -> c.service).containsExactly("other", "b", "c");
    Alert resolved = alerts.get(1);
    assertThat(resolved.status).isEqualTo(Alert.RESOLVED);
    assertThat(resolved.id).isEqualTo(firing.id).isEqualTo(Alert.idOf("shop", 3 * SLIDE));
    assertThat(resolved.endsAtMs).isEqualTo(5 * SLIDE + SIZE);
    assertThat(resolved.rootCauses).extracting(c -> c.service).containsExactly("other", "b", "c");
  }

  @Test
  void aScoreBetweenResolveAndFireKeepsTheAlertFiringAndRepeatsAreSent() {
    List<Alert> alerts =
        run(new AlertLifecycle(1, 2, 0.9, 2), 0.995, 0.95, 0.95, 0.95, 0.95, 0.1, 0.1);
    assertThat(alerts)
        .extracting(a -> a.status)
        .containsExactly(Alert.FIRING, Alert.FIRING, Alert.FIRING, Alert.RESOLVED);
    assertThat(alerts).extracting(a -> a.id).containsOnly(alerts.get(0).id);
    assertThat(alerts).extracting(a -> a.sequence).containsExactly(0, 1, 2, 3);
  }

  @Test
  void partialWindowsNeitherFireNorResolve() {
    AlertLifecycle lifecycle = new AlertLifecycle(2, 1, 0.9, 0);
    AlertTrack track = new AlertTrack();
    List<Alert> alerts = new ArrayList<>();
    double[] scores = {0.999, 0.999, 0.999, 0.999, 0.1, 0.1};
    boolean[] partial = {true, true, false, false, true, false};
    for (int i = 0; i < scores.length; i++) {
      SliceAssessment window = window(i, scores[i], "cart");
      window.partial = partial[i];
      alerts.addAll(lifecycle.next(track, window));
    }
    assertThat(alerts)
        .extracting(a -> a.status + "@" + a.windowStartMs / SLIDE)
        .containsExactly("firing@3", "resolved@5");
    assertThat(alerts.get(0).startsAtMs).isEqualTo(2 * SLIDE);
  }

  /**
   * Windows of {@code scores} (all anomalous at 0.999) with raw scores {@code raws} and top
   * suspects {@code causes}.
   */
  private static List<Alert> runRaw(
      AlertLifecycle lifecycle, double[] scores, double[] raws, String[] causes) {
    AlertTrack track = new AlertTrack();
    List<Alert> out = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      SliceAssessment window = window(i, scores[i], causes[i]);
      window.rawScore = raws[i];
      out.addAll(lifecycle.next(track, window));
    }
    return out;
  }

  @Test
  void aDeviationThatGrowsPastTheFactorForTheFiringWindowsResolvesTheAlertAndFiresANewOne() {
    double[] scores = {0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.1, 0.1};
    double[] raws = {1.5, 1.6, 1.7, 3.5, 3.6, 3.4, 3.5, 0.3, 0.3};
    String[] causes = {"surge", "surge", "surge", "cart", "cart", "cart", "cart", "x", "x"};
    List<Alert> alerts = runRaw(new AlertLifecycle(2, 2, 0.9, 0, 2.0), scores, raws, causes);

    assertThat(alerts)
        .extracting(a -> a.status + "@" + a.windowStartMs / SLIDE)
        .containsExactly("firing@1", "resolved@4", "firing@4", "resolved@8");
    Alert first = alerts.get(0);
    Alert escalated = alerts.get(2);
    assertThat(alerts.get(1).id).isEqualTo(first.id);
    // The first alert ends where the escalated run began; the new one starts there, diagnosed
    // there.
    assertThat(alerts.get(1).endsAtMs).isEqualTo(3 * SLIDE);
    assertThat(escalated.id).isNotEqualTo(first.id).isEqualTo(Alert.idOf("shop", 3 * SLIDE));
    assertThat(escalated.startsAtMs).isEqualTo(3 * SLIDE);
    assertThat(escalated.sequence).isZero();
    assertThat(escalated.rootCauses.get(0).service).isEqualTo("cart");
    assertThat(first.rootCauses.get(0).service).isEqualTo("surge");
    assertThat(alerts.get(3).id).isEqualTo(escalated.id);
  }

  @Test
  void aDeviationBelowTheFactorOrTooBrieflyAboveItKeepsTheAlert() {
    double[] scores = {0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.1, 0.1};
    // 1.9x for long, then 2x for one window only (two are needed).
    double[] raws = {1.5, 1.5, 2.8, 2.8, 3.1, 2.8, 0.3, 0.3};
    String[] causes = {"a", "a", "a", "a", "a", "a", "a", "a"};
    List<Alert> alerts = runRaw(new AlertLifecycle(2, 2, 0.9, 0, 2.0), scores, raws, causes);
    assertThat(alerts).extracting(a -> a.status).containsExactly(Alert.FIRING, Alert.RESOLVED);
    // Without escalation, the escalating run above stays one alert.
    List<Alert> never =
        runRaw(
            new AlertLifecycle(2, 2, 0.9, 0, 0),
            new double[] {0.999, 0.999, 0.999, 0.999, 0.999, 0.1, 0.1},
            new double[] {1.5, 1.6, 3.5, 3.6, 3.4, 0.3, 0.3},
            new String[] {"a", "a", "b", "b", "b", "b", "b"});
    assertThat(never).extracting(a -> a.status).containsExactly(Alert.FIRING, Alert.RESOLVED);
  }

  @Test
  void anAlertIsDiagnosedByTheWindowOfItsRunThatDeviatesMostOnItsOwn() {
    AlertLifecycle lifecycle = new AlertLifecycle(3, 2, 0.9, 0, 2.0);
    AlertTrack track = new AlertTrack();
    List<Alert> alerts = new ArrayList<>();
    // A lone anomalous window, a calm one, then the firing run (windows 2-4) and an escalating run
    // (7-9).
    double[] scores = {
      0.999, 0.1, 0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.999, 0.1, 0.1
    };
    double[] raws = {1, 0.2, 1, 1, 1, 1, 1, 3, 3, 3, 0.2, 0.2};
    double[] own = {9, 0.2, 1.2, 2.5, 1.8, 1, 1, 3, 4, 3.5, 0.2, 0.2};
    String[] causes = {"lone", "x", "a", "strongest", "c", "d", "e", "f", "deepest", "h", "x", "x"};
    for (int i = 0; i < scores.length; i++) {
      SliceAssessment window = window(i, scores[i], causes[i]);
      window.rawScore = raws[i];
      window.windowRawScore = own[i];
      window.failureType = "type-" + causes[i];
      window.answers.put("blast_radius", new HeadAnswer("radius-" + causes[i], 0.5));
      alerts.addAll(lifecycle.next(track, window));
    }
    assertThat(alerts)
        .extracting(a -> a.status + "@" + a.windowStartMs / SLIDE)
        .containsExactly("firing@4", "resolved@9", "firing@9", "resolved@11");
    // Not the lone window before the calm one: it belongs to no firing run.
    assertThat(alerts.get(0).rootCauses.get(0).service).isEqualTo("strongest");
    assertThat(alerts.get(0).failureType).isEqualTo("type-strongest");
    assertThat(alerts.get(0).windowStartMs).isEqualTo(4 * SLIDE);
    assertThat(alerts.get(2).rootCauses.get(0).service).isEqualTo("deepest");
    assertThat(alerts.get(3).failureType).isEqualTo("type-deepest");
    // Every head's answer travels with the diagnosis, from the same window.
    assertThat(alerts.get(0).answers.get("blast_radius").label).isEqualTo("radius-strongest");
    assertThat(alerts.get(1).answers.get("blast_radius").label).isEqualTo("radius-strongest");
    assertThat(alerts.get(3).answers.get("blast_radius").label).isEqualTo("radius-deepest");
  }

  @Test
  void anEscalationFactorOfOneOrLessIsRejected() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new AlertLifecycle(2, 2, 0.9, 0, 1.0))
        .hasMessageContaining("escalation factor must be above 1");
  }
}
