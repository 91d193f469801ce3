package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.KnownEdge;
import dev.runtimeslicer.model.task.RecentScores;
import dev.runtimeslicer.model.task.RecentTraffic;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Anomalous windows carry their system's service graph, learned from its recent calm traffic. */
class FailureAnalyzerGraphTest {

  private static final double ALERTS_PER_DAY = 200;

  @TempDir Path temp;

  @Test
  void anomalousWindowsCarryTheWindowsLearnedAndDeclaredCallPaths() {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    // A generous alert budget, so the fixture's two hours have anomalous windows to diagnose.
    StateAwareHeads heads =
        StateAwareHeads.load(ModelBundle.load(bundle)).withAlertBudget(ALERTS_PER_DAY);
    TrafficContrastSettings contrast =
        new TrafficContrastSettings(
            Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(1).toMillis(), 5, 0.5, 0.05, 256);
    List<RuntimeSlice> slices = TunedBundleFixture.slices();
    String system = slices.get(0).system;
    List<KnownEdge> known =
        List.of(
            new KnownEdge(system, slices.get(0).services.get(0).service, "declared-only"),
            new KnownEdge("another-system", slices.get(0).services.get(0).service, "elsewhere"));
    FailureAnalyzer analyzer =
        new FailureAnalyzer(
            heads, FailureAnalyzer.DiagnosedWindows.ANOMALOUS, contrast, null, known);
    List<SliceEmbedding> embeddings;
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      embeddings = encoder.embed(slices);
    }
    RecentTraffic traffic = new RecentTraffic();
    RecentScores scores = new RecentScores();
    double top = -1;
    int anomalous = 0;
    Set<String> learned = new TreeSet<>();
    for (int i = 0; i < slices.size(); i++) {
      RuntimeSlice slice = slices.get(i);
      SliceAssessment out =
          analyzer.assess(
              embeddings.get(i),
              slice,
              heads.states().assign(embeddings.get(i).embedding()),
              null,
              scores,
              traffic);
      top = Math.max(top, out.anomalyScore - out.fireScore);
      if (!out.anomalous) {
        assertThat(out.dependencies).isEmpty();
        if (!slice.partial) {
          traffic.learn(slice, contrast);
          slice.services.forEach(s -> learned.addAll(paths(s)));
        }
        continue;
      }
      anomalous++;
      Set<String> carried = new TreeSet<>();
      out.dependencies.forEach(e -> carried.add(e.caller + "->" + e.callee));
      for (ServiceSlice service : slice.services) {
        assertThat(carried).containsAll(paths(service));
      }
      assertThat(carried)
          .contains(slices.get(0).services.get(0).service + "->declared-only")
          .doesNotContain(slices.get(0).services.get(0).service + "->elsewhere");
      if (traffic.warm(contrast)) {
        // Paths of calm windows still in the recent traffic: a path gone in the incident is shown.
        assertThat(carried).containsAnyElementsOf(learned);
      }
    }
    assertThat(anomalous)
        .as("anomalous windows of the fixture, top %s of %s", top, slices.size())
        .isPositive();
  }

  private static Set<String> paths(ServiceSlice service) {
    Set<String> out = new TreeSet<>();
    if (service.traces != null) {
      service.traces.callees.keySet().stream()
          .filter(callee -> !callee.equals(service.service))
          .forEach(callee -> out.add(service.service + "->" + callee));
    }
    return out;
  }
}
