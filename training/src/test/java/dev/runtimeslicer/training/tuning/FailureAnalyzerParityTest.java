package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.state.StateAssignment;
import dev.runtimeslicer.model.task.Adaptation;
import dev.runtimeslicer.model.task.AlertEvidence;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.LocalizationRanker;
import dev.runtimeslicer.model.task.RecentNormals;
import dev.runtimeslicer.model.task.ReferenceAnalyzer;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.StateProfile;
import dev.runtimeslicer.model.task.TriageHead;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The task heads give the assessments of {@link ReferenceAnalyzer} (the implementation before they
 * were tuned for speed) on the tuned test bundle and its incident windows, without and with recent
 * normals: the same up to double rounding with distances defined as now (component differences in
 * double), and the same decisions and rankings, with scores within float rounding, against the
 * previous definition (differences in float).
 */
class FailureAnalyzerParityTest {

  /** Double rounding, for the same arithmetic done in another order or layout. */
  private static final double DOUBLE_ROUNDING = 1e-9;

  /**
   * A float difference of two components rounds to 2^-24 relative, so distances moved by up to
   * about 3e-8 relative, and deviations divide them by normal spreads: on these windows scores
   * moved by up to 1.1e-7 (a float's last place).
   */
  private static final double FLOAT_ROUNDING = 1e-6;

  @TempDir Path temp;

  @Test
  void assessmentsMatchTheReferenceImplementation() {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    StateAwareHeads heads = firingEarlier(StateAwareHeads.load(ModelBundle.load(bundle)));
    FailureAnalyzer analyzer = new FailureAnalyzer(heads);
    ReferenceAnalyzer reference = new ReferenceAnalyzer(heads, false);
    ReferenceAnalyzer previous = new ReferenceAnalyzer(heads, true);
    List<RuntimeSlice> slices = withBrokenCopies(12);
    List<SliceEmbedding> embeddings = embed(bundle, slices);
    RecentNormals recent = new RecentNormals();
    int anomalous = 0;
    int withEvidence = 0;
    for (int i = 0; i < slices.size(); i++) {
      SliceEmbedding embedding = embeddings.get(i);
      StateAssignment assignment = heads.states().assign(embedding.embedding());
      StateAssignment expected = reference.assign(embedding.embedding());
      assertThat(assignment.state()).isEqualTo(expected.state());
      assertClose(assignment.distance(), expected.distance(), "state distance", DOUBLE_ROUNDING);
      for (RecentNormals normals : new RecentNormals[] {null, recent}) {
        SliceAssessment got = analyzer.assess(embedding, slices.get(i), assignment, normals, null);
        assertSame(
            got, reference.assess(embedding, slices.get(i), expected, normals), DOUBLE_ROUNDING);
        assertSame(
            got,
            previous.assess(
                embedding, slices.get(i), previous.assign(embedding.embedding()), normals),
            FLOAT_ROUNDING);
        anomalous += got.anomalous ? 1 : 0;
        withEvidence += got.evidence.isEmpty() ? 0 : 1;
      }
      recent.observe(embedding, heads.adaptation(), false);
    }
    // Some windows are anomalous, so evidence is compared too.
    assertThat(anomalous).isPositive();
    assertThat(withEvidence).isPositive();
  }

  @Test
  void anAnalyzerOfAnomalousWindowsOnlyDiagnosesThemAsTheFullOneDoesAndLeavesCalmWindowsBare() {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    StateAwareHeads heads = firingEarlier(StateAwareHeads.load(ModelBundle.load(bundle)));
    FailureAnalyzer every = new FailureAnalyzer(heads, FailureAnalyzer.DiagnosedWindows.EVERY);
    FailureAnalyzer anomalousOnly =
        new FailureAnalyzer(heads, FailureAnalyzer.DiagnosedWindows.ANOMALOUS);
    List<RuntimeSlice> slices = withBrokenCopies(6);
    List<SliceEmbedding> embeddings = embed(bundle, slices);
    int calm = 0;
    int anomalous = 0;
    for (int i = 0; i < slices.size(); i++) {
      StateAssignment assignment = heads.states().assign(embeddings.get(i).embedding());
      SliceAssessment full = every.assess(embeddings.get(i), slices.get(i), assignment, null, null);
      SliceAssessment got =
          anomalousOnly.assess(embeddings.get(i), slices.get(i), assignment, null, null);
      if (full.anomalous) {
        anomalous++;
        assertSame(got, full, 0);
      } else {
        calm++;
        assertThat(full.rootCauses).isNotEmpty();
        assertThat(got.anomalyScore).isEqualTo(full.anomalyScore);
        assertThat(got.state).isEqualTo(full.state);
        assertThat(got.anomalous).isFalse();
        assertThat(got.failureType).isEqualTo(TriageHead.UNKNOWN);
        assertThat(got.failureProbability).isZero();
        assertThat(got.rootCauses).isEmpty();
        assertThat(got.evidence).isEmpty();
        assertThat(got.exemplarTraceIds).isEmpty();
      }
    }
    assertThat(calm).isPositive();
    assertThat(anomalous).isPositive();
  }

  /**
   * The heads with every state firing at score 0.95, so that some test windows are anomalous and
   * get evidence, with recent normals and with a ranker that weighs the call graph (the fixture's
   * tuning keeps neither).
   */
  private static StateAwareHeads firingEarlier(StateAwareHeads h) {
    List<StateProfile> profiles = new java.util.ArrayList<>();
    for (StateProfile p : h.profiles()) {
      profiles.add(
          p == null
              ? null
              : new StateProfile(
                  p.windows(), p.system(), p.services(), p.mix(), p.calibration(), 0.95));
    }
    StateProfile g = h.global();
    return new StateAwareHeads(
        h.formatVersion(),
        h.encoderSha256(),
        h.states(),
        profiles,
        new StateProfile(g.windows(), g.system(), g.services(), g.mix(), g.calibration(), 0.95),
        h.policy(),
        h.adaptation() == null ? new Adaptation(12, 4, 0.01) : h.adaptation(),
        h.tasks(),
        h.ranker() == null
            ? new LocalizationRanker(new double[] {0.6, 0.9, 0.4, 0.5, 0.3, 0.7, 0.2}, -1)
            : h.ranker(),
        h.evidence(),
        h.symptoms(),
        java.util.Map.of(),
        null,
        h.report());
  }

  /**
   * The fixture's slices and {@code copies} broken copies of some of them (see {@link #broken}).
   */
  private static List<RuntimeSlice> withBrokenCopies(int copies) {
    List<RuntimeSlice> slices = new java.util.ArrayList<>(TunedBundleFixture.slices());
    for (int i = 0; i < copies; i++) {
      slices.add(broken(slices.get(i * 9), i));
    }
    return slices;
  }

  private static List<SliceEmbedding> embed(Path bundle, List<RuntimeSlice> slices) {
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      return encoder.embed(slices);
    }
  }

  /** A copy of {@code slice} with one service failing hard and, every other time, another gone. */
  private static RuntimeSlice broken(RuntimeSlice slice, int variant) {
    RuntimeSlice copy =
        dev.runtimeslicer.model.format.SliceJson.read(
            dev.runtimeslicer.model.format.SliceJson.write(slice));
    dev.runtimeslicer.model.slice.ServiceSlice failing =
        copy.services.get(variant % copy.services.size());
    failing.traces.errors = failing.traces.requests;
    failing.traces.latencyP50Ms *= 50;
    failing.traces.latencyP99Ms *= 50;
    failing.logs.total *= 20;
    failing.metrics.values().forEach(m -> m.mean *= 100);
    if (variant % 2 == 0) {
      copy.services.remove((variant + 3) % copy.services.size());
    }
    return copy;
  }

  private static void assertSame(SliceAssessment got, SliceAssessment want, double tolerance) {
    assertThat(got.state).isEqualTo(want.state);
    assertThat(got.novelState).isEqualTo(want.novelState);
    assertClose(got.stateDistance, want.stateDistance, "state distance", tolerance);
    assertClose(got.rawScore, want.rawScore, "raw score", tolerance);
    assertClose(got.anomalyScore, want.anomalyScore, "anomaly score", tolerance);
    assertThat(got.fireScore).isEqualTo(want.fireScore);
    assertThat(got.anomalous).isEqualTo(want.anomalous);
    assertThat(got.unknownServices).isEqualTo(want.unknownServices);
    assertThat(got.failureType).isEqualTo(want.failureType);
    assertClose(got.failureProbability, want.failureProbability, "failure probability", tolerance);
    assertThat(got.answers.keySet()).isEqualTo(want.answers.keySet());
    assertThat(got.rootCauses)
        .extracting(c -> c.service)
        .containsExactlyElementsOf(want.rootCauses.stream().map(c -> c.service).toList());
    assertThat(got.rootCauses)
        .extracting(c -> c.instance)
        .containsExactlyElementsOf(want.rootCauses.stream().map(c -> c.instance).toList());
    for (int i = 0; i < want.rootCauses.size(); i++) {
      assertClose(
          got.rootCauses.get(i).score, want.rootCauses.get(i).score, "root cause score", tolerance);
    }
    assertThat(got.evidence)
        .extracting(AlertEvidence::text)
        .containsExactlyElementsOf(want.evidence.stream().map(AlertEvidence::text).toList());
    assertThat(got.exemplarTraceIds).isEqualTo(want.exemplarTraceIds);
  }

  private static void assertClose(double got, double want, String what, double relative) {
    if (Double.isNaN(want)) {
      assertThat(got).as(what).isNaN();
      return;
    }
    double tolerance = relative * Math.max(1, Math.max(Math.abs(got), Math.abs(want)));
    assertThat(Math.abs(got - want))
        .as(what + ": " + got + " vs reference " + want)
        .isLessThanOrEqualTo(tolerance);
  }
}
