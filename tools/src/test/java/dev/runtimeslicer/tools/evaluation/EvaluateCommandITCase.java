package dev.runtimeslicer.tools.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.embedding.PretrainedBundle;
import dev.runtimeslicer.tools.cli.RuntimeSlicerCli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The evaluate command end to end on a short simulated run: slices, trains on the earlier half
 * only, tunes, runs the detect operators on the later half, scores it and two baselines, and writes
 * every metrics.json key and a report.
 */
class EvaluateCommandITCase {

  private static final List<String> KEYS =
      List.of(
          "detection.precision",
          "detection.recall",
          "detection.f1",
          "detection.delay_s_median",
          "detection.false_alerts_per_day",
          "triage.macro_f1",
          "triage.accuracy",
          "localization.top1",
          "localization.top3",
          "localization.top5",
          "diagnosis.triage_macro_f1",
          "diagnosis.top1",
          "diagnosis.top3",
          "diagnosis.top5");

  /** Fault types held out of the second variant's training labels. */
  private static final String HELD_OUT = "memory_leak,packet_loss,http_5xx";

  @TempDir Path temp;

  @Test
  void scoresTheLaterHalfWithEveryKeyForTheModelAndItsBaselines() throws Exception {
    Path telemetry = temp.resolve("telemetry");
    Path out = temp.resolve("eval");
    assertThat(
            RuntimeSlicerCli.commandLine()
                .execute(
                    "simulate",
                    "--system",
                    "online-shop",
                    "--duration",
                    "100m",
                    "--faults",
                    "6",
                    "--seed",
                    "5",
                    "--out",
                    telemetry.toString()))
        .isZero();
    Path labels = telemetry.resolve("labels.jsonl");
    int faults = Files.readAllLines(labels).size();

    // A previous run's part files must not be read back as more slices or alerts.
    Path stale =
        Files.createDirectories(out.resolve("work").resolve("input-slices").resolve("slices"))
            .resolve("slices-stale-0.jsonl");
    Files.writeString(stale, "{}\n");

    int exit =
        RuntimeSlicerCli.commandLine()
            .execute(
                "evaluate",
                "--input",
                telemetry.toString(),
                "--labels",
                labels.toString(),
                "--out",
                out.toString(),
                "--epochs",
                "1",
                "--baselines",
                "rcf,no-state-aware-tuning",
                "--variants",
                "labels,holdout",
                "--holdout-types",
                HELD_OUT);

    assertThat(exit).isZero();
    assertThat(stale).doesNotExist();
    // The split halves are kept for inspection; the whole replay's slices (a second copy) are not.
    assertThat(out.resolve("work/test-slices/slices.jsonl")).isNotEmptyFile();
    assertThat(out.resolve("work/input-slices/slices")).doesNotExist();
    JsonNode metrics = new ObjectMapper().readTree(out.resolve("labels/metrics.json").toFile());
    for (String prefix : List.of("", "baselines.rcf.", "baselines.no-state-aware-tuning.")) {
      for (String key : KEYS) {
        assertThat(metrics.has(prefix + key)).as(prefix + key).isTrue();
      }
    }
    // Held-out types are scored apart: every test fault is either an unseen or a seen one, and
    // tuning read none of the held-out types' training labels.
    JsonNode holdout = new ObjectMapper().readTree(out.resolve("holdout/metrics.json").toFile());
    assertThat(
            holdout.get("unseen.detection.faults").asInt()
                + holdout.get("seen.detection.faults").asInt())
        .isEqualTo(holdout.get("detection.faults").asInt());
    assertThat(holdout.get("unseen.detection.faults").asInt()).isPositive();
    assertThat(holdout.get("info.labeledTrainFaults").asInt())
        .isLessThan(holdout.get("info.trainFaults").asInt());
    assertThat(holdout.has("baselines.rcf.unseen.detection.recall")).isTrue();
    assertThat(out.resolve("holdout/report.html")).isNotEmptyFile();
    // The split is by time: every fault is either trained on or evaluated, none twice.
    assertThat(metrics.get("info.trainFaults").asInt() + metrics.get("info.testFaults").asInt())
        .isEqualTo(faults);
    assertThat(metrics.get("detection.faults").asInt())
        .isEqualTo(metrics.get("info.testFaults").asInt());
    // Our model answers for a given fault window; RCF has no such answer.
    assertThat(metrics.get("diagnosis.top5").isNumber()).isTrue();
    assertThat(metrics.get("baselines.rcf.diagnosis.top5").isNull()).isTrue();
    String report = Files.readString(out.resolve("labels/report.html"));
    assertThat(report).contains("runtimeslicer", "rcf", "no-state-aware-tuning", "<svg");

    // The pretrained bundle as shipped: its encoder scored untouched, no training label read.
    Path pretrained = temp.resolve("pretrained");
    assertThat(
            RuntimeSlicerCli.commandLine()
                .execute(
                    "evaluate",
                    "--pretrained",
                    "--input",
                    telemetry.toString(),
                    "--labels",
                    labels.toString(),
                    "--out",
                    pretrained.toString(),
                    "--baselines",
                    "none"))
        .isZero();
    JsonNode zeroShot = new ObjectMapper().readTree(pretrained.resolve("metrics.json").toFile());
    for (String key : KEYS) {
      assertThat(zeroShot.has(key)).as(key).isTrue();
    }
    assertThat(zeroShot.get("info.labeledTrainFaults").asInt()).isZero();
    assertThat(zeroShot.get("detection.faults").asInt())
        .isEqualTo(metrics.get("detection.faults").asInt());
    Path shipped = PretrainedBundle.copyEncoderTo(temp.resolve("shipped"));
    assertThat(pretrained.resolve("work/model/encoder.onnx"))
        .hasSameBinaryContentAs(shipped.resolve("encoder.onnx"));
  }
}
