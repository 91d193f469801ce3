package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncoderEvaluationTest {

  @TempDir Path dir;

  @Test
  void reportsEveryVariantOnHeldOutWindows() throws Exception {
    TrainingSettings config = TestData.quickConfig().toBuilder().epochs(1).build();
    EncoderEvaluation.Report report =
        EncoderEvaluation.run(
            TestData.rawWindows(config.schema()),
            FaultWindows.read(List.of(TestData.labels())),
            config,
            0.3,
            dir,
            new PrintStream(new ByteArrayOutputStream()));
    assertThat(report.variants())
        .extracting(EncoderEvaluation.VariantResult::name)
        .containsExactly(
            "trained (full loss)",
            "untrained encoder",
            "no temporal loss",
            "no cross-modal loss",
            "raw features (+PCA)",
            "linear probe (ridge)");
    assertThat(report.testWindows()).isPositive();
    assertThat(report.variants().get(0).metricToTrace()).isBetween(0.0, 1.0);
    assertThat(report.variants().get(5).metricToTrace()).isBetween(0.0, 1.0);
    assertThat(report.table()).contains("AUROC", "RC top3");
    // The shipped labels have a fault with its root cause inside the held-out windows.
    List<EncoderEvaluation.VariantResult> ranked = report.variants().subList(0, 5);
    assertThat(ranked).allSatisfy(v -> assertThat(v.rootCauseTop3()).isBetween(0.0, 1.0));
    // Raw features carry the fault (no training involved): its root-cause service deviates from its
    // own normal more than in normal windows and ranks first; a broken per-service deviation would
    // not.
    EncoderEvaluation.VariantResult raw = report.variants().get(4);
    assertThat(raw.serviceAuroc()).as("raw features' service AUROC").isGreaterThan(0.9);
    assertThat(raw.rootCauseTop1()).as("raw features' root cause top-1").isGreaterThan(0.5);
  }
}
