package dev.runtimeslicer.tools.evaluation.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.FailureScoring;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RandomCutForestBaselineTest {

  private static final int TRAINING = 600;
  private static final int TEST = 300;
  // Test windows TRAINING + 150 .. TRAINING + 179: payment is ten times slower.
  private static final int SLOW_FROM = TRAINING + 150;
  private static final int SLOW_TO = TRAINING + 180;

  @Test
  void firesWhileOneServiceIsSlowAndRanksItFirst() {
    SyntheticSlices data = new SyntheticSlices(1);
    List<RuntimeSlice> training = data.steady(0, TRAINING);
    List<RuntimeSlice> test = testWithSlowPayment(data);

    RandomCutForestBaseline baseline =
        RandomCutForestBaseline.fit(training, List.of(), RcfBaselineSettings.defaults());
    BaselineResult result = baseline.detect(test);

    assertThat(result.scores()).hasSize(TEST);
    int steadyAbove = 0;
    for (WindowScore score : result.scores()) {
      boolean slow =
          score.windowStartMs() >= SLOW_FROM * SyntheticSlices.SLIDE_MS
              && score.windowStartMs() < SLOW_TO * SyntheticSlices.SLIDE_MS;
      if (slow) {
        assertThat(score.score())
            .as("slow window at %d", score.windowStartMs())
            .isGreaterThan(result.threshold());
      } else if (score.score() > result.threshold()) {
        steadyAbove++;
      }
    }
    // The threshold is the training's 99th percentile: a few steady windows pass it, no three in a
    // row.
    assertThat(steadyAbove).isLessThan(TEST / 20);
    assertThat(result.alerts()).hasSize(1);
    ScoredAlert alert = result.alerts().get(0);
    // Fires on the third slow window (fireAfter 3), at its end; resolves three windows after the
    // last slow one.
    assertThat(alert.firedAtMs())
        .isEqualTo((SLOW_FROM + 2) * SyntheticSlices.SLIDE_MS + SyntheticSlices.WINDOW_MS);
    assertThat(alert.endsAtMs())
        .isEqualTo((SLOW_TO + 2) * SyntheticSlices.SLIDE_MS + SyntheticSlices.WINDOW_MS);
    assertThat(alert.rankedServices()).hasSize(4).first().isEqualTo("payment");
    assertThat(alert.failureType()).isEqualTo("unknown");
    assertThat(alert.system()).isEqualTo(SyntheticSlices.SYSTEM);
  }

  @Test
  void scoresLikeTheModelThroughFailureScoring() {
    SyntheticSlices data = new SyntheticSlices(2);
    BaselineResult result =
        RandomCutForestBaseline.fit(
                data.steady(0, TRAINING), List.of(), RcfBaselineSettings.defaults())
            .detect(testWithSlowPayment(data));
    FaultLabel fault =
        new FaultLabel(
            SyntheticSlices.SYSTEM,
            "f1",
            "latency",
            SLOW_FROM * SyntheticSlices.SLIDE_MS,
            SLOW_TO * SyntheticSlices.SLIDE_MS,
            "payment",
            "",
            "");

    DetectionScore score =
        FailureScoring.detection(
            List.of(fault), result.alerts(), 60_000, TEST * SyntheticSlices.SLIDE_MS);

    assertThat(score.recall()).isEqualTo(1.0);
    assertThat(score.precision()).isEqualTo(1.0);
    assertThat(score.triage().top1()).isEqualTo(1.0);
  }

  @Test
  void triageNamesTheTypeOfTheNearestLabeledTrainingFault() {
    SyntheticSlices data = new SyntheticSlices(3);
    List<RuntimeSlice> training = new ArrayList<>(data.steady(0, 300));
    for (int i = 300; i < 330; i++) {
      training.add(data.window(i, Set.of("payment"), Set.of()));
    }
    training.addAll(data.steady(330, 450));
    for (int i = 450; i < 480; i++) {
      training.add(data.window(i, Set.of(), Set.of("cart")));
    }
    training.addAll(data.steady(480, TRAINING));
    long slide = SyntheticSlices.SLIDE_MS;
    List<FaultLabel> labels =
        List.of(
            new FaultLabel(
                SyntheticSlices.SYSTEM,
                "slow",
                "latency",
                300 * slide + 60_000,
                330 * slide,
                "payment",
                "",
                ""),
            new FaultLabel(
                SyntheticSlices.SYSTEM,
                "errors",
                "error",
                450 * slide + 60_000,
                480 * slide,
                "cart",
                "",
                ""),
            new FaultLabel("other-system", "elsewhere", "cpu", 0, TRAINING * slide, "x", "", ""));

    RandomCutForestBaseline baseline =
        RandomCutForestBaseline.fit(training, labels, RcfBaselineSettings.defaults());
    List<ScoredAlert> alerts = baseline.detect(testWithSlowPayment(data)).alerts();

    assertThat(baseline.triageExamples()).isGreaterThan(0).isLessThan(2 * 30 + 2 * 6);
    assertThat(alerts).isNotEmpty();
    assertThat(alerts.get(0).failureType()).isEqualTo("latency");
  }

  @Test
  void theSameSeedGivesTheSameScoresAndAnotherSeedOthers() {
    List<RuntimeSlice> training = new SyntheticSlices(4).steady(0, TRAINING);
    List<RuntimeSlice> test = testWithSlowPayment(new SyntheticSlices(5));
    RcfBaselineSettings settings = RcfBaselineSettings.defaults();

    BaselineResult first = RandomCutForestBaseline.fit(training, List.of(), settings).detect(test);
    BaselineResult again = RandomCutForestBaseline.fit(training, List.of(), settings).detect(test);
    BaselineResult otherSeed =
        RandomCutForestBaseline.fit(training, List.of(), settings.withSeed(7)).detect(test);

    assertThat(again.scores()).isEqualTo(first.scores());
    assertThat(again.threshold()).isEqualTo(first.threshold());
    assertThat(again.alerts()).isEqualTo(first.alerts());
    assertThat(otherSeed.scores()).isNotEqualTo(first.scores());
  }

  @Test
  void trainingOrderDoesNotMatterBecauseWindowsAreSortedByTime() {
    List<RuntimeSlice> training = new SyntheticSlices(6).steady(0, TRAINING);
    List<RuntimeSlice> reversed = new ArrayList<>(training);
    java.util.Collections.reverse(reversed);
    List<RuntimeSlice> test = new SyntheticSlices(7).steady(TRAINING, TRAINING + 50);

    BaselineResult inOrder =
        RandomCutForestBaseline.fit(training, List.of(), RcfBaselineSettings.defaults())
            .detect(test);
    BaselineResult fromReversed =
        RandomCutForestBaseline.fit(reversed, List.of(), RcfBaselineSettings.defaults())
            .detect(test);

    assertThat(fromReversed.scores()).isEqualTo(inOrder.scores());
  }

  @Test
  void aLongerFireAfterDelaysTheAlert() {
    SyntheticSlices data = new SyntheticSlices(8);
    List<RuntimeSlice> training = data.steady(0, TRAINING);
    List<RuntimeSlice> test = testWithSlowPayment(data);

    ScoredAlert quick =
        RandomCutForestBaseline.fit(
                training, List.of(), RcfBaselineSettings.defaults().withHysteresis(3, 1))
            .detect(test)
            .alerts()
            .get(0);
    ScoredAlert patient =
        RandomCutForestBaseline.fit(
                training, List.of(), RcfBaselineSettings.defaults().withHysteresis(8, 1))
            .detect(test)
            .alerts()
            .get(0);

    assertThat(patient.firedAtMs() - quick.firedAtMs()).isEqualTo(5 * SyntheticSlices.SLIDE_MS);
  }

  @Test
  void refusesMixedSystemsAndTooFewWindows() {
    SyntheticSlices data = new SyntheticSlices(9);
    List<RuntimeSlice> mixed = new ArrayList<>(data.steady(0, TRAINING));
    mixed.get(10).system = "ticketing";

    assertThatThrownBy(
            () -> RandomCutForestBaseline.fit(mixed, List.of(), RcfBaselineSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ticketing");
    assertThatThrownBy(
            () ->
                RandomCutForestBaseline.fit(
                    data.steady(0, 20), List.of(), RcfBaselineSettings.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("20 training windows");
  }

  private static List<RuntimeSlice> testWithSlowPayment(SyntheticSlices data) {
    List<RuntimeSlice> test = new ArrayList<>();
    for (int i = TRAINING; i < TRAINING + TEST; i++) {
      boolean slow = i >= SLOW_FROM && i < SLOW_TO;
      test.add(data.window(i, slow ? Set.of("payment") : Set.of(), Set.of()));
    }
    return test;
  }
}
