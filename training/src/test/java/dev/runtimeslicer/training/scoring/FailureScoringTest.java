package dev.runtimeslicer.training.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailureScoringTest {

  private static final long MIN = 60_000;
  private static final long GRACE = 2 * MIN;
  private static final FaultLabel CPU =
      new FaultLabel("shop", "f1", "cpu", 10 * MIN, 15 * MIN, "cart", "cart-0", "");
  private static final FaultLabel DELAY =
      new FaultLabel("shop", "f2", "delay", 30 * MIN, 35 * MIN, "payment", "", "");
  private static final FaultLabel NODE =
      new FaultLabel("shop", "f3", "cpu", 50 * MIN, 55 * MIN, "", "", "node-1");

  private static ScoredAlert alert(long startMin, long endMin, String type, String... services) {
    return new ScoredAlert("shop", startMin * MIN, endMin * MIN, type, List.of(services));
  }

  @Test
  void scoresDetectionsFalseAlertsAndDelays() {
    List<ScoredAlert> alerts =
        List.of(
            alert(11, 16, "cpu", "cart", "frontend"), // detects f1 after 1 min
            alert(12, 14, "delay", "frontend"), // a second alert in f1: true, not first
            alert(36, 37, "delay", "frontend", "payment"), // in f2's grace: detects f2 after 6 min
            alert(40, 41, "cpu", "cart"), // meets no fault: false
            alert(
                49, 51, "cpu", "x")); // starts before f3 and overlaps it: true, but not a detection
    DetectionScore score =
        FailureScoring.detection(List.of(CPU, DELAY, NODE), alerts, GRACE, 24 * 60 * MIN);

    assertThat(score.detectedFaults()).isEqualTo(2);
    assertThat(score.recall()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(score.falseAlerts()).isEqualTo(1);
    assertThat(score.precision()).isCloseTo(4 / 5.0, within(1e-12));
    assertThat(score.f1()).isCloseTo(2 * 0.8 * (2 / 3.0) / (0.8 + 2 / 3.0), within(1e-12));
    assertThat(score.delaySecondsMedian()).isEqualTo(210.0); // median of 60 s and 360 s
    assertThat(score.falseAlertsPerDay()).isEqualTo(1.0);
    assertThat(score.firstAlerts().get("f1").firedAtMs()).isEqualTo(11 * MIN);
    // triage on first alerts: cpu right, delay right; localization: cart top-1, payment top-3
    assertThat(score.triage().triageAccuracy()).isEqualTo(1.0);
    assertThat(score.triage().top1()).isEqualTo(0.5);
    assertThat(score.triage().top3()).isEqualTo(1.0);
  }

  @Test
  void alertsOfOtherSystemsDoNotCount() {
    DetectionScore score =
        FailureScoring.detection(
            List.of(CPU),
            List.of(new ScoredAlert("bank", 11 * MIN, 12 * MIN, "cpu", List.of("cart"))),
            GRACE,
            MIN);

    assertThat(score.detectedFaults()).isZero();
    assertThat(score.falseAlerts()).isEqualTo(1);
    assertThat(score.delaySecondsMedian()).isNaN();
  }

  @Test
  void macroF1AveragesOverTrueTypesAndUnknownCountsAgainst() {
    FaultLabel cpu2 = new FaultLabel("shop", "f4", "cpu", 0, 1, "cart", "", "");
    List<Diagnosis> diagnoses =
        List.of(
            new Diagnosis(CPU, "cpu", List.of("cart")),
            new Diagnosis(cpu2, "unknown", List.of("frontend", "x", "y", "z", "cart")),
            new Diagnosis(DELAY, "cpu", List.of()));

    RankingScore score = FailureScoring.diagnosis(diagnoses);

    // cpu: precision 1/2, recall 1/2 -> F1 1/2; delay: F1 0 -> macro 1/4
    assertThat(score.triageMacroF1()).isCloseTo(0.25, within(1e-12));
    assertThat(score.triageAccuracy()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(score.top1()).isCloseTo(1 / 3.0, within(1e-12));
    assertThat(score.top5()).isCloseTo(2 / 3.0, within(1e-12));
  }

  @Test
  void readsLabelsAndNamesWhatIsMissing(@TempDir Path temp) throws Exception {
    Path file = temp.resolve("labels.jsonl");
    Files.writeString(
        file,
        "{\"system\":\"shop\",\"id\":\"f1\",\"type\":\"cpu\",\"start\":1,\"end\":2,"
            + "\"rootCause\":{\"service\":\"cart\",\"instance\":\"cart-0\"}}\n\n"
            + "{\"system\":\"shop\",\"id\":\"f2\",\"type\":\"cpu\",\"end\":2}\n");

    assertThatThrownBy(() -> FaultLabelJson.read(file))
        .hasMessageContaining("labels.jsonl:3")
        .hasMessageContaining("'start'");
    Files.writeString(file, Files.readAllLines(file).get(0));
    assertThat(FaultLabelJson.read(file))
        .containsExactly(new FaultLabel("shop", "f1", "cpu", 1, 2, "cart", "cart-0", ""));
  }
}
