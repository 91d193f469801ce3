package dev.runtimeslicer.tools.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.training.scoring.Diagnosis;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertScoringTest {

  private static final long MIN = 60_000;

  private static Alert notification(String status, int sequence, long windowStart, long endsAt) {
    Alert alert = new Alert();
    alert.id = "shop-" + 10 * MIN;
    alert.system = "shop";
    alert.status = status;
    alert.sequence = sequence;
    alert.startsAtMs = 10 * MIN;
    alert.windowStartMs = windowStart;
    alert.windowEndMs = windowStart + MIN;
    alert.endsAtMs = endsAt;
    alert.failureType = "cpu";
    alert.rootCauses = new ArrayList<>(List.of(new RootCauseCandidate("a", null, 3)));
    return alert;
  }

  private static SliceAssessment window(long start, double score, String... ranked) {
    SliceAssessment a = new SliceAssessment();
    a.system = "shop";
    a.windowStartMs = start;
    a.windowEndMs = start + MIN;
    a.anomalyScore = score;
    a.failureType = "cpu";
    for (int i = 0; i < ranked.length; i++) {
      a.rootCauses.add(new RootCauseCandidate(ranked[i], null, ranked.length - i));
    }
    return a;
  }

  @Test
  void anAlertIsDetectedWhenItFiresAndRanksLikeItsFiringWindow() {
    long fired = 10 * MIN + 10_000;
    List<Alert> notifications =
        List.of(
            notification(Alert.RESOLVED, 2, 20 * MIN, 18 * MIN),
            notification(Alert.FIRING, 0, fired, 0),
            notification(Alert.FIRING, 1, 15 * MIN, 0));
    List<SliceAssessment> windows = List.of(window(fired, 0.999, "a", "b", "c", "d", "e"));

    List<ScoredAlert> scored = AlertScoring.scoredAlerts(notifications, windows);

    assertThat(scored)
        .singleElement()
        .satisfies(
            alert -> {
              assertThat(alert.firedAtMs())
                  .isEqualTo(fired + MIN); // the end of the window it fired on
              assertThat(alert.endsAtMs()).isEqualTo(18 * MIN);
              assertThat(alert.rankedServices()).containsExactly("a", "b", "c", "d", "e");
            });
  }

  @Test
  void aFaultWithItsWindowGivenIsAnsweredByItsCompleteWindowDeviatingMostOnItsOwn() {
    FaultLabel fault = new FaultLabel("shop", "f1", "cpu", 10 * MIN, 14 * MIN, "b", "", "");
    SliceAssessment partial = window(11 * MIN, 1.0, "x");
    partial.partial = true;
    partial.windowRawScore = 9;
    SliceAssessment before = window(2 * MIN, 1.0, "y");
    before.windowRawScore = 9;
    SliceAssessment strongest = window(12 * MIN, 0.9, "b", "a");
    strongest.windowRawScore = 3;
    // The smoothed score peaks a window later, where the window's own data deviates less.
    SliceAssessment lagging = window(13 * MIN, 0.99, "a", "b");
    lagging.windowRawScore = 2;
    List<Diagnosis> diagnoses =
        AlertScoring.faultWindowDiagnoses(
            List.of(fault), List.of(before, partial, strongest, lagging));
    assertThat(diagnoses)
        .singleElement()
        .satisfies(d -> assertThat(d.rankedServices()).containsExactly("b", "a"));
  }

  @Test
  void aChronologicalSplitSharesNoWindowAndNoFault() {
    List<RuntimeSlice> slices = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      RuntimeSlice slice = new RuntimeSlice();
      slice.system = "shop";
      slice.windowStartMs = i * 10_000L;
      slice.windowEndMs = i * 10_000L + MIN;
      slices.add(slice);
    }
    List<FaultLabel> faults =
        List.of(
            new FaultLabel("shop", "early", "cpu", 100_000, 200_000, "a", "", ""),
            new FaultLabel("shop", "late", "cpu", 700_000, 800_000, "a", "", ""),
            new FaultLabel("bank", "other", "cpu", 1, 2, "a", "", ""));
    ChronologicalSplit split = ChronologicalSplit.of(slices, faults, 0.5);
    long cut = split.cuts().get("shop");
    assertThat(split.training())
        .allSatisfy(s -> assertThat(s.windowEndMs).isLessThanOrEqualTo(cut));
    assertThat(split.test())
        .allSatisfy(s -> assertThat(s.windowStartMs).isGreaterThanOrEqualTo(cut));
    assertThat(split.training().size() + split.test().size()).isLessThan(slices.size());
    assertThat(split.trainingFaults()).extracting(FaultLabel::id).containsExactly("early");
    assertThat(split.testFaults()).extracting(FaultLabel::id).containsExactly("late");
  }
}
