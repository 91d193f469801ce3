package dev.runtimeslicer.tools.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DetectionScorecardTest {

  private static final long MIN = 60_000;

  @Test
  void namesCaughtAndMissedFaultsWithTheAlertsDiagnosisAndTheTotals() {
    List<FaultLabel> faults =
        List.of(
            new FaultLabel("shop", "fault-001", "http_5xx", 10 * MIN, 14 * MIN, "cart", "", ""),
            new FaultLabel("shop", "fault-002", "pod_kill", 30 * MIN, 34 * MIN, "ads", "", ""));
    List<ScoredAlert> alerts =
        List.of(
            new ScoredAlert("shop", 11 * MIN, 15 * MIN, "http_5xx", List.of("frontend", "cart")),
            new ScoredAlert("shop", 50 * MIN, 51 * MIN, "unknown", List.of("ads")));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    DetectionScore score =
        DetectionScorecard.print(
            new PrintStream(bytes, true, StandardCharsets.UTF_8), faults, alerts, 60 * MIN);

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text)
        .containsPattern("CAUGHT +fault-001 http_5xx")
        .contains(
            "(+60 s after the fault began), type said: http_5xx (right), root cause ranked #2 of"
                + " [frontend, cart]")
        .containsPattern("MISSED +fault-002 pod_kill")
        .contains("1 of 2 faults caught; 2 alerts, 1 of them false")
        .contains("precision 0.50  recall 0.50");
    assertThat(score.detectedFaults()).isEqualTo(1);
  }
}
