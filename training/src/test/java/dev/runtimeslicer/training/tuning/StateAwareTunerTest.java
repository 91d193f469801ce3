package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.embedding.InvalidBundleException;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.TriageHead;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateAwareTunerTest {

  @TempDir Path temp;

  @Test
  void theIncidentsPeakStandsOutOfTheNormalWindowsAndHeadsSurviveARoundTrip() {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    StateAwareHeads heads = StateAwareHeads.load(ModelBundle.load(bundle));
    FaultLabel fault = TunedBundleFixture.labels().get(0);
    List<RuntimeSlice> slices = TunedBundleFixture.slices();
    FailureAnalyzer analyzer = new FailureAnalyzer(heads);
    double peak = 0;
    List<Double> normal = new java.util.ArrayList<>();
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      List<SliceEmbedding> embeddings = encoder.embed(slices);
      for (int i = 0; i < slices.size(); i++) {
        SliceAssessment a = analyzer.assess(embeddings.get(i), slices.get(i));
        assertThat(a.anomalyScore).isBetween(0.0, 1.0);
        assertThat(a.rootCauses).isNotEmpty();
        boolean inFault =
            slices.get(i).windowStartMs < fault.endMs()
                && fault.startMs() < slices.get(i).windowEndMs;
        if (inFault) {
          peak = Math.max(peak, a.anomalyScore);
        } else if (slices.get(i).windowStartMs > fault.endMs() + 120_000
            || slices.get(i).windowEndMs < fault.startMs()) {
          normal.add(a.anomalyScore);
        }
      }
    }
    normal.sort(Double::compare);
    assertThat(peak).isGreaterThan(normal.get((int) (0.9 * (normal.size() - 1))));
    assertThat(heads.states().count()).isBetween(1, 2);
    assertThat(heads.report())
        .containsKeys("states", "normalWindows", "labeledIncidents", "detection");
  }

  @Test
  void withoutLabelsEveryWindowIsNormalAndThereIsNoTriage() throws IOException {
    Path bundle = TunedBundleFixture.untunedBundle(temp.resolve("b"));
    StateAwareHeads heads =
        new StateAwareTuner(
                TunedBundleFixture.settings(), new PrintStream(PrintStream.nullOutputStream()))
            .tune(ModelBundle.load(bundle), SliceSource.of(TunedBundleFixture.slices()), List.of());
    assertThat(heads.tasks()).isEmpty();
    assertThat(heads.ranker()).isNull();
    // Every window is normal, or held back for the alert tail, but those straddling the tail cut.
    int normal = (Integer) heads.report().get("normalWindows");
    long heldBack = ((Number) heads.report().get("heldBackWindows")).longValue();
    assertThat(heldBack).isPositive();
    assertThat(normal + heldBack)
        .isBetween(
            TunedBundleFixture.slices().size() - 6L, (long) TunedBundleFixture.slices().size());
  }

  @Test
  void headsOfAnotherEncoderOrCorruptHeadsAreRefused() throws IOException {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    Path heads = bundle.resolve(StateAwareHeads.FILE);
    byte[] original = Files.readAllBytes(heads);
    Files.write(
        heads, new String(original).replace("\"resolveScore\"", "\"resolveScore\" ").getBytes());
    assertThatThrownBy(() -> StateAwareHeads.load(ModelBundle.load(bundle)))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("corrupt")
        .hasMessageContaining("tune again");
    Files.write(heads, original);
    StateAwareHeads loaded = StateAwareHeads.load(ModelBundle.load(bundle));
    new StateAwareHeads(
            loaded.formatVersion(),
            "0".repeat(64),
            loaded.states(),
            loaded.profiles(),
            loaded.global(),
            loaded.policy(),
            loaded.adaptation(),
            loaded.tasks(),
            loaded.ranker(),
            loaded.evidence(),
            loaded.symptoms(),
            loaded.alertTails(),
            loaded.pooledAlertTail(),
            loaded.report())
        .write(bundle);
    assertThatThrownBy(() -> StateAwareHeads.load(ModelBundle.load(bundle)))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("another encoder");
  }

  @Test
  void withAdaptationTheHeadsCarryItAndScoreAgainstRecentNormals() throws IOException {
    Path bundle = TunedBundleFixture.untunedBundle(temp.resolve("b"));
    StateAwareHeads heads =
        new StateAwareTuner(
                TunedBundleFixture.settings().toBuilder()
                    .adaptationHorizon(java.time.Duration.ofMinutes(5))
                    .build(),
                new PrintStream(PrintStream.nullOutputStream()))
            .tune(
                ModelBundle.load(bundle),
                SliceSource.of(TunedBundleFixture.slices()),
                TunedBundleFixture.labels());
    assertThat(heads.adaptation()).isNotNull();
    assertThat(heads.adaptation().horizonWindows()).isEqualTo(30); // 5 min of 10 s slides
    assertThat(heads.report().get("adaptationHorizonWindows")).isEqualTo(30);
    FailureAnalyzer analyzer = new FailureAnalyzer(heads);
    dev.runtimeslicer.model.task.RecentNormals recent =
        new dev.runtimeslicer.model.task.RecentNormals();
    List<RuntimeSlice> slices = TunedBundleFixture.slices();
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      List<SliceEmbedding> embeddings = encoder.embed(slices);
      for (int i = 0; i < slices.size(); i++) {
        SliceEmbedding e = embeddings.get(i);
        SliceAssessment with =
            analyzer.assess(e, slices.get(i), heads.states().assign(e.embedding()), recent, null);
        SliceAssessment without = analyzer.assess(e, slices.get(i));
        // A window deviates only as far as it deviates from both its state's and its recent normal.
        assertThat(with.rawScore).isLessThanOrEqualTo(without.rawScore + 1e-9);
        recent.observe(e, heads.adaptation(), with.anomalous);
      }
    }
    assertThat(recent.system.updates).isPositive();
  }

  @Test
  void tooFewNormalWindowsIsAClearError() {
    Path bundle = TunedBundleFixture.untunedBundle(temp.resolve("b"));
    List<RuntimeSlice> slices = TunedBundleFixture.slices().subList(0, 5);
    assertThatThrownBy(
            () ->
                new StateAwareTuner(
                        TunedBundleFixture.settings(),
                        new PrintStream(PrintStream.nullOutputStream()))
                    .tune(ModelBundle.load(bundle), SliceSource.of(slices), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("normal windows");
  }

  @Test
  void theHeadsDoNotDependOnTheOrderTheSlicesArriveIn() throws IOException {
    // Eight copies of the incident's 20 minutes back to back, every other one labeled as another
    // type: enough normal windows that the feature normals sample (more than 400 per feature)
    // and two types for a triage head.
    List<RuntimeSlice> inOrder = new java.util.ArrayList<>();
    List<FaultLabel> labels = new java.util.ArrayList<>();
    List<RuntimeSlice> original = TunedBundleFixture.slices();
    FaultLabel fault = TunedBundleFixture.labels().get(0);
    long span =
        original.get(original.size() - 1).windowStartMs - original.get(0).windowStartMs + 10_000;
    for (int copy = 0; copy < 8; copy++) {
      long shift = copy * span;
      for (RuntimeSlice slice : original) {
        RuntimeSlice shifted =
            dev.runtimeslicer.model.format.SliceJson.read(
                dev.runtimeslicer.model.format.SliceJson.write(slice));
        shifted.windowStartMs += shift;
        shifted.windowEndMs += shift;
        inOrder.add(shifted);
      }
      labels.add(
          new FaultLabel(
              fault.system(),
              fault.id() + "-" + copy,
              copy % 2 == 0 ? fault.type() : "other_type",
              fault.startMs() + shift,
              fault.endMs() + shift,
              fault.rootCauseService(),
              fault.rootCauseInstance(),
              fault.rootCauseNode()));
    }
    List<RuntimeSlice> shuffled = new java.util.ArrayList<>(inOrder);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));

    byte[] first = tunedHeads(temp.resolve("in-order"), inOrder, labels);
    byte[] second = tunedHeads(temp.resolve("shuffled"), shuffled, labels);

    assertThat(
            StateAwareHeads.load(ModelBundle.load(temp.resolve("in-order"))).task(TriageHead.NAME))
        .isInstanceOf(TriageHead.class);
    assertThat(new String(second, java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo(new String(first, java.nio.charset.StandardCharsets.UTF_8));
  }

  private static byte[] tunedHeads(
      Path directory, List<RuntimeSlice> slices, List<FaultLabel> labels) throws IOException {
    Path bundle = TunedBundleFixture.untunedBundle(directory);
    new StateAwareTuner(
            TunedBundleFixture.settings(), new PrintStream(PrintStream.nullOutputStream()))
        .tune(ModelBundle.load(bundle), SliceSource.of(slices), labels)
        .write(bundle);
    return Files.readAllBytes(bundle.resolve(StateAwareHeads.FILE));
  }
}
