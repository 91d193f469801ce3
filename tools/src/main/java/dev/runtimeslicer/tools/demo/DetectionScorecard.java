package dev.runtimeslicer.tools.demo;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.FailureScoring;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import java.io.PrintStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Which labeled faults the alerts caught and which they missed, with precision and recall, by the
 * evaluation's rules ({@link FailureScoring#detection}, default grace).
 */
public final class DetectionScorecard {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

  private DetectionScorecard() {}

  /**
   * Scores {@code alerts} against {@code faults} over {@code evaluatedMs} and prints the result.
   */
  public static DetectionScore print(
      PrintStream out, List<FaultLabel> faults, List<ScoredAlert> alerts, long evaluatedMs) {
    DetectionScore score =
        FailureScoring.detection(faults, alerts, FailureScoring.DEFAULT_GRACE_MS, evaluatedMs);
    for (FaultLabel fault : faults) {
      ScoredAlert alert = score.firstAlerts().get(fault.id());
      String what =
          String.format(
              Locale.ROOT,
              "%s %-22s root cause %-22s %s..%s UTC",
              fault.id(),
              fault.type(),
              fault.rootCauseService(),
              CLOCK.format(Instant.ofEpochMilli(fault.startMs())),
              CLOCK.format(Instant.ofEpochMilli(fault.endMs())));
      if (alert == null) {
        out.println("  MISSED  " + what);
        continue;
      }
      int rank = alert.rankedServices().indexOf(fault.rootCauseService());
      out.println("  CAUGHT  " + what);
      out.printf(
          Locale.ROOT,
          "          fired at %s UTC, the end of its window (%+d s after the fault began), type"
              + " said: %s%s, root cause %s%n",
          CLOCK.format(Instant.ofEpochMilli(alert.firedAtMs())),
          (alert.firedAtMs() - fault.startMs()) / 1000,
          alert.failureType(),
          alert.failureType().equals(fault.type()) ? " (right)" : " (wrong)",
          rank < 0
              ? "not among " + alert.rankedServices()
              : "ranked #" + (rank + 1) + " of " + alert.rankedServices());
    }
    out.printf(
        Locale.ROOT,
        "%n  %d of %d faults caught; %d alerts, %d of them false (meeting no fault, %d s grace)%n",
        score.detectedFaults(),
        score.faults(),
        score.alerts(),
        score.falseAlerts(),
        FailureScoring.DEFAULT_GRACE_MS / 1000);
    out.printf(
        Locale.ROOT,
        "  precision %.2f  recall %.2f  F1 %.2f  median delay %s%n",
        score.precision(),
        score.recall(),
        score.f1(),
        Double.isNaN(score.delaySecondsMedian())
            ? "-"
            : String.format(Locale.ROOT, "%.0f s", score.delaySecondsMedian()));
    out.flush();
    return score;
  }
}
