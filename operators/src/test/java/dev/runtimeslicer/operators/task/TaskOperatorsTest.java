package dev.runtimeslicer.operators.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.embedding.EmbeddedSlice;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.state.StateAssignment;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.LiveAlertTail;
import dev.runtimeslicer.model.task.LiveAlertTailSettings;
import dev.runtimeslicer.model.task.RecentScores;
import dev.runtimeslicer.model.task.RecentTraffic;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import dev.runtimeslicer.operators.state.StateAssignmentFunction;
import dev.runtimeslicer.training.tuning.TunedBundleFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.api.operators.StreamMap;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state assignment and task-head operators, in a harness, on the tuned test bundle. */
class TaskOperatorsTest {

  @TempDir static Path temp;
  private static Path bundle;
  private static List<EmbeddedSlice> embedded;

  @BeforeAll
  static void embed() {
    bundle = TunedBundleFixture.tunedBundle(temp.resolve("bundle"));
    List<RuntimeSlice> slices = TunedBundleFixture.slices();
    embedded = new ArrayList<>();
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      var embeddings = encoder.embed(slices);
      for (int i = 0; i < slices.size(); i++) {
        embedded.add(EmbeddedSlice.of(slices.get(i), embeddings.get(i)));
      }
    }
  }

  private static <I, O> List<O> run(
      org.apache.flink.api.common.functions.MapFunction<I, O> function, List<I> inputs)
      throws Exception {
    try (OneInputStreamOperatorTestHarness<I, O> harness =
        new OneInputStreamOperatorTestHarness<>(new StreamMap<>(function))) {
      harness.open();
      for (I input : inputs) {
        harness.processElement(new StreamRecord<>(input, 0));
      }
      return new ArrayList<>(harness.extractOutputValues());
    }
  }

  private static List<SliceAssessment> runKeyed(List<EmbeddedSlice> inputs) throws Exception {
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, EmbeddedSlice, SliceAssessment>(
            new KeyedProcessOperator<>(
                new SliceAssessmentFunction(
                    bundle, Duration.ofHours(1), FailureAnalyzer.DiagnosedWindows.EVERY)),
            s -> s.slice.system,
            Types.STRING)) {
      harness.open();
      for (EmbeddedSlice input : inputs) {
        harness.processElement(new StreamRecord<>(input, input.slice.windowEndMs - 1));
      }
      // Recent normals are kept in keyed state only when the heads adapt (the fixture's do not),
      // recent scores only when they smooth (the fixture's do).
      StateAwareHeads heads =
          StateAwareHeads.load(dev.runtimeslicer.model.embedding.ModelBundle.load(bundle));
      int perSystem =
          (heads.adaptation() != null ? 1 : 0) + (heads.policy().smoothingMs() > 0 ? 1 : 0);
      assertThat(heads.policy().smoothingMs()).isPositive();
      assertThat(harness.numKeyedStateEntries()).isEqualTo(inputs.isEmpty() ? 0 : perSystem);
      return new ArrayList<>(harness.extractOutputValues());
    }
  }

  @Test
  void slicesGetAStateThenAnAssessmentThatSeesTheIncident() throws Exception {
    List<EmbeddedSlice> assigned = run(new StateAssignmentFunction(bundle), embedded);
    assertThat(assigned).allSatisfy(slice -> assertThat(slice.state).isGreaterThanOrEqualTo(0));
    List<SliceAssessment> assessed = runKeyed(assigned);
    assertThat(assessed).hasSize(embedded.size());
    FaultLabel fault = TunedBundleFixture.labels().get(0);
    double peak = 0;
    List<Double> before = new ArrayList<>();
    for (SliceAssessment a : assessed) {
      assertThat(a.anomalyScore).isBetween(0.0, 1.0);
      assertThat(a.anomalous).isEqualTo(a.anomalyScore >= a.fireScore);
      assertThat(a.rootCauses.size()).isBetween(1, FailureAnalyzer.RANKED);
      if (a.windowStartMs < fault.endMs() && fault.startMs() < a.windowEndMs) {
        peak = Math.max(peak, a.anomalyScore);
      } else if (a.windowEndMs <= fault.startMs()) {
        before.add(a.anomalyScore);
      }
    }
    before.sort(Double::compare);
    // The incident's most anomalous window stands out of the typical window before it (the very
    // first windows of this recording are a start-up transient and score high too).
    assertThat(peak).isGreaterThan(before.get(before.size() / 2));
  }

  @Test
  void rawScoresAreSmoothedOverTheSystemsRecentWindowsWhichAreForgottenAfterTheTtl()
      throws Exception {
    List<EmbeddedSlice> assigned = run(new StateAssignmentFunction(bundle), embedded);
    FailureAnalyzer analyzer =
        new FailureAnalyzer(
            StateAwareHeads.load(dev.runtimeslicer.model.embedding.ModelBundle.load(bundle)));
    RecentScores replayed = new RecentScores();
    Duration ttl = Duration.ofHours(1);
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, EmbeddedSlice, SliceAssessment>(
            new KeyedProcessOperator<>(
                new SliceAssessmentFunction(bundle, ttl, FailureAnalyzer.DiagnosedWindows.EVERY)),
            s -> s.slice.system,
            Types.STRING)) {
      harness.open();
      harness.setStateTtlProcessingTime(0);
      List<EmbeddedSlice> first = assigned.subList(0, 40);
      for (EmbeddedSlice slice : first) {
        harness.processElement(new StreamRecord<>(slice, slice.slice.windowEndMs - 1));
      }
      List<SliceAssessment> got = harness.extractOutputValues();
      for (int i = 0; i < first.size(); i++) {
        EmbeddedSlice slice = first.get(i);
        SliceAssessment want =
            analyzer.assess(
                slice.toEmbedding(),
                slice.slice,
                new StateAssignment(slice.state, slice.stateDistance, slice.novelState),
                null,
                replayed);
        assertThat(got.get(i).rawScore).isEqualTo(want.rawScore);
      }
      // An hour later the system's recent scores are gone: the next window scores on its own.
      harness.setStateTtlProcessingTime(ttl.toMillis() + 1);
      EmbeddedSlice next = assigned.get(40);
      harness.processElement(new StreamRecord<>(next, next.slice.windowEndMs - 1));
      SliceAssessment alone =
          analyzer.assess(
              next.toEmbedding(),
              next.slice,
              new StateAssignment(next.state, next.stateDistance, next.novelState),
              null,
              null);
      SliceAssessment continued =
          analyzer.assess(
              next.toEmbedding(),
              next.slice,
              new StateAssignment(next.state, next.stateDistance, next.novelState),
              null,
              replayed);
      assertThat(continued.rawScore).isNotEqualTo(alone.rawScore);
      assertThat(harness.extractOutputValues().get(first.size()).rawScore)
          .isEqualTo(alone.rawScore);
    }
  }

  @Test
  void rootCausesJoinTheContrastWithCalmTrafficLearnedPerSystemAndForgottenAfterTheTtl()
      throws Exception {
    List<EmbeddedSlice> assigned = run(new StateAssignmentFunction(bundle), embedded);
    // A minute of warm-up, so this short recording is contrasted.
    TrafficContrastSettings contrast =
        new TrafficContrastSettings(
            Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(1).toMillis(), 5, 0.5, 0.05, 256);
    StateAwareHeads heads =
        StateAwareHeads.load(dev.runtimeslicer.model.embedding.ModelBundle.load(bundle));
    FailureAnalyzer analyzer =
        new FailureAnalyzer(heads, FailureAnalyzer.DiagnosedWindows.EVERY, contrast);
    RecentScores scores = new RecentScores();
    RecentTraffic traffic = new RecentTraffic();
    Duration ttl = Duration.ofHours(1);
    SliceAssessmentFunction function =
        new SliceAssessmentFunction(
            bundle, ttl, FailureAnalyzer.DiagnosedWindows.EVERY, null, contrast);
    // Flink ships the function to its task managers serialized.
    assertThat(org.apache.flink.util.InstantiationUtil.serializeObject(function)).isNotEmpty();
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, EmbeddedSlice, SliceAssessment>(
            new KeyedProcessOperator<>(function), s -> s.slice.system, Types.STRING)) {
      harness.open();
      harness.setStateTtlProcessingTime(0);
      List<EmbeddedSlice> first = assigned.subList(0, 40);
      int reordered = 0;
      for (EmbeddedSlice slice : first) {
        harness.processElement(new StreamRecord<>(slice, slice.slice.windowEndMs - 1));
        StateAssignment assignment =
            new StateAssignment(slice.state, slice.stateDistance, slice.novelState);
        SliceAssessment want =
            analyzer.assess(slice.toEmbedding(), slice.slice, assignment, null, scores, traffic);
        SliceAssessment byModel =
            new FailureAnalyzer(heads)
                .assess(slice.toEmbedding(), slice.slice, assignment, null, null);
        SliceAssessment got =
            harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(names(got)).isEqualTo(names(want));
        reordered += names(got).equals(names(byModel)) ? 0 : 1;
        if (!want.anomalous && !slice.slice.partial) {
          traffic.learn(slice.slice, contrast);
        }
      }
      assertThat(traffic.warm(contrast)).isTrue();
      assertThat(reordered).as("windows whose ranking the contrast changed").isPositive();
      // Recent scores and recent traffic of the one system.
      assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
      harness.setStateTtlProcessingTime(ttl.toMillis() + 1);
      EmbeddedSlice next = assigned.get(40);
      harness.processElement(new StreamRecord<>(next, next.slice.windowEndMs - 1));
      SliceAssessment afresh =
          new FailureAnalyzer(heads, FailureAnalyzer.DiagnosedWindows.EVERY, contrast)
              .assess(
                  next.toEmbedding(),
                  next.slice,
                  new StateAssignment(next.state, next.stateDistance, next.novelState),
                  null,
                  null,
                  new RecentTraffic());
      assertThat(names(harness.extractOutputValues().get(first.size()))).isEqualTo(names(afresh));
    }
  }

  @Test
  void firingScoresFollowEachSystemsLiveAlertTailWhichIsForgottenAfterTheTtl() throws Exception {
    List<EmbeddedSlice> assigned = run(new StateAssignmentFunction(bundle), embedded);
    // Five minutes of warm-up, so this short recording's own tail is read.
    LiveAlertTailSettings settings =
        new LiveAlertTailSettings(Duration.ofHours(1).toMillis(), Duration.ofMinutes(5).toMillis());
    StateAwareHeads heads =
        StateAwareHeads.load(dev.runtimeslicer.model.embedding.ModelBundle.load(bundle));
    FailureAnalyzer analyzer =
        new FailureAnalyzer(heads, FailureAnalyzer.DiagnosedWindows.EVERY, null, settings);
    RecentScores scores = new RecentScores();
    LiveAlertTail replayed = new LiveAlertTail();
    Duration ttl = Duration.ofHours(1);
    SliceAssessmentFunction function =
        new SliceAssessmentFunction(
            bundle, ttl, FailureAnalyzer.DiagnosedWindows.EVERY, null, null, settings);
    assertThat(org.apache.flink.util.InstantiationUtil.serializeObject(function)).isNotEmpty();
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, EmbeddedSlice, SliceAssessment>(
            new KeyedProcessOperator<>(function), s -> s.slice.system, Types.STRING)) {
      harness.open();
      harness.setStateTtlProcessingTime(0);
      List<EmbeddedSlice> first = assigned.subList(0, 60);
      int moved = 0;
      for (EmbeddedSlice slice : first) {
        harness.processElement(new StreamRecord<>(slice, slice.slice.windowEndMs - 1));
        StateAssignment assignment =
            new StateAssignment(slice.state, slice.stateDistance, slice.novelState);
        SliceAssessment want =
            analyzer.assess(
                slice.toEmbedding(), slice.slice, assignment, null, scores, null, replayed);
        replayed.observe(
            slice.slice.windowStartMs,
            slice.slice.windowEndMs,
            slice.slice.partial,
            want.anomalyScore,
            want.fireScore,
            heads.policy(),
            settings);
        SliceAssessment got =
            harness.extractOutputValues().get(harness.extractOutputValues().size() - 1);
        assertThat(got.fireScore).isEqualTo(want.fireScore);
        assertThat(got.anomalous).isEqualTo(got.anomalyScore >= got.fireScore);
        moved += got.fireScore == heads.fireScore(slice.slice.system, heads.global()) ? 0 : 1;
      }
      assertThat(replayed.warm(settings)).isTrue();
      assertThat(moved).as("windows whose firing score the live tail set").isPositive();
      // Recent scores and the live tail of the one system.
      assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
      harness.setStateTtlProcessingTime(ttl.toMillis() + 1);
      EmbeddedSlice next = assigned.get(60);
      harness.processElement(new StreamRecord<>(next, next.slice.windowEndMs - 1));
      assertThat(harness.extractOutputValues().get(first.size()).fireScore)
          .isEqualTo(heads.fireScore(next.slice.system, heads.global()));
    }
  }

  @Test
  void aSystemTheHeadsWereNeverTunedOnIsScoredAgainstItsOwnRecentTelemetryAfterTheWarmUp()
      throws Exception {
    List<EmbeddedSlice> assigned = new ArrayList<>();
    for (EmbeddedSlice slice : run(new StateAssignmentFunction(bundle), embedded)) {
      // The same telemetry as another tenant's, which tuning never saw.
      RuntimeSlice renamed =
          dev.runtimeslicer.model.format.SliceJson.read(
              dev.runtimeslicer.model.format.SliceJson.write(slice.slice));
      renamed.system = "new-tenant";
      EmbeddedSlice moved = EmbeddedSlice.of(renamed, slice.toEmbedding());
      moved.state = slice.state;
      moved.stateDistance = slice.stateDistance;
      moved.novelState = slice.novelState;
      assigned.add(moved);
    }
    TrafficContrastSettings contrast =
        new TrafficContrastSettings(
            Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(1).toMillis(), 5, 0.5, 0.05, 256);
    LiveAlertTailSettings settings =
        new LiveAlertTailSettings(Duration.ofHours(1).toMillis(), Duration.ofMinutes(5).toMillis());
    StateAwareHeads heads =
        StateAwareHeads.load(dev.runtimeslicer.model.embedding.ModelBundle.load(bundle));
    assertThat(heads.tunedOn("new-tenant")).isFalse();
    SliceAssessmentFunction function =
        new SliceAssessmentFunction(
            bundle,
            Duration.ofHours(1),
            FailureAnalyzer.DiagnosedWindows.EVERY,
            null,
            contrast,
            settings);
    try (var harness =
        new KeyedOneInputStreamOperatorTestHarness<String, EmbeddedSlice, SliceAssessment>(
            new KeyedProcessOperator<>(function), s -> s.slice.system, Types.STRING)) {
      harness.open();
      for (EmbeddedSlice slice : assigned) {
        harness.processElement(new StreamRecord<>(slice, slice.slice.windowEndMs - 1));
      }
      List<SliceAssessment> got = harness.extractOutputValues();
      long warmUpEndMs =
          assigned.get(0).slice.windowEndMs + contrast.warmUpMs() + settings.warmUpMs();
      FaultLabel fault = TunedBundleFixture.labels().get(0);
      double incident = 0;
      for (SliceAssessment a : got) {
        if (a.windowEndMs < assigned.get(0).slice.windowEndMs + settings.warmUpMs()) {
          assertThat(a.anomalyScore).as("no score before the warm-up").isZero();
          assertThat(a.anomalous).isFalse();
        }
        if (a.windowEndMs > warmUpEndMs
            && a.windowStartMs < fault.endMs()
            && fault.startMs() < a.windowEndMs) {
          incident = Math.max(incident, a.anomalyScore);
          // Ranked by the contrast with its own recent traffic: the heads know none of its
          // services' normals.
          assertThat(a.rootCauses).isNotEmpty();
        }
      }
      assertThat(fault.startMs()).isGreaterThan(warmUpEndMs);
      assertThat(incident).as("the incident's most anomalous window").isGreaterThan(0.99);
      // Recent scores, recent traffic, the live tail and the new system's calibration.
      assertThat(harness.numKeyedStateEntries()).isEqualTo(4);
    }
  }

  private static List<String> names(SliceAssessment assessment) {
    return assessment.rootCauses.stream().map(c -> c.service).toList();
  }

  @Test
  void aSliceWithoutStateIsAClearError() {
    EmbeddedSlice unassigned =
        EmbeddedSlice.of(embedded.get(0).slice, embedded.get(0).toEmbedding());
    assertThatThrownBy(() -> runKeyed(List.of(unassigned)))
        .hasStackTraceContaining("state assignment operator must come first");
  }
}
