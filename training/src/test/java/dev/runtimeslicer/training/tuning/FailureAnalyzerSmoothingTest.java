package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.state.StateAssignment;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.FailureSymptoms;
import dev.runtimeslicer.model.task.RecentScores;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.SymptomNormals;
import dev.runtimeslicer.model.task.SymptomScales;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyzer's raw score, smoothed: every service's window scores averaged over the policy's
 * span.
 */
class FailureAnalyzerSmoothingTest {

  @TempDir Path temp;

  @Test
  void theRawScoreIsTheLargestServiceMeanOverTheWindowsOfTheSpan() {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    StateAwareHeads heads = StateAwareHeads.load(ModelBundle.load(bundle));
    long span = heads.policy().smoothingMs();
    assertThat(span).isEqualTo(TunedBundleFixture.settings().smoothing().toMillis()).isPositive();
    FailureAnalyzer analyzer = new FailureAnalyzer(heads);
    SymptomNormals normals = new SymptomNormals(heads.evidence());
    List<RuntimeSlice> slices = TunedBundleFixture.slices();
    List<SliceEmbedding> embeddings;
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      embeddings = encoder.embed(slices);
    }
    RecentScores recent = new RecentScores();
    List<Long> ends = new ArrayList<>();
    List<Map<String, Double>> history = new ArrayList<>();
    List<Map<String, Double>> globalHistory = new ArrayList<>();
    int lowered = 0;
    int globalLed = 0;
    for (int i = 0; i < slices.size(); i++) {
      RuntimeSlice slice = slices.get(i);
      StateAssignment assignment = heads.states().assign(embeddings.get(i).embedding());
      FailureAnalyzer.Deviations deviations =
          analyzer.deviations(
              embeddings.get(i),
              assignment,
              null,
              FailureSymptoms.ofWindow(slice, normals).symptoms());
      boolean ownProfile = deviations.profile() != heads.global();
      FailureAnalyzer.Deviations global =
          analyzer.deviations(
              embeddings.get(i),
              assignment,
              heads.global(),
              null,
              FailureSymptoms.ofWindow(slice, normals).symptoms());
      Map<String, Double> scores = scoresOf(deviations);
      Map<String, Double> globalScores = ownProfile ? scoresOf(global) : Map.of();
      if (!slice.partial) {
        ends.add(slice.windowEndMs);
        history.add(scores);
        globalHistory.add(globalScores);
      }
      double want = smoothed(ends, history, scores, slice, span);
      double wantGlobal = smoothed(ends, globalHistory, globalScores, slice, span);
      double stateScore = deviations.profile().calibration().score(want);
      double globalScore = ownProfile ? heads.global().calibration().score(wantGlobal) : 0;
      boolean globalLeads = ownProfile && globalScore > stateScore;
      SliceAssessment got = analyzer.assess(embeddings.get(i), slice, assignment, null, recent);
      assertThat(got.rawScore)
          .as("window %d", i)
          .isCloseTo(globalLeads ? wantGlobal : want, within(1e-9));
      assertThat(got.anomalyScore).isCloseTo(Math.max(stateScore, globalScore), within(1e-9));
      assertThat(got.windowRawScore)
          .isCloseTo(globalLeads ? global.raw() : deviations.raw(), within(1e-12));
      lowered += got.rawScore < got.windowRawScore - 1e-9 ? 1 : 0;
      globalLed += globalLeads ? 1 : 0;
    }
    // The window's own largest score is not what the smoothed one says in many windows.
    assertThat(lowered).isGreaterThan(slices.size() / 10);
    // The fixture has two states, and the global normal outscores a state's in some windows.
    assertThat(heads.states().count()).isEqualTo(2);
    assertThat(globalLed).isPositive();
  }

  /** A window's system term and service scores in one map, as the smoothing averages them. */
  private static Map<String, Double> scoresOf(FailureAnalyzer.Deviations deviations) {
    Map<String, Double> scores = new HashMap<>(deviations.serviceScores());
    scores.put("(system)", deviations.systemScore());
    return scores;
  }

  /**
   * The largest per-name mean over the kept windows of the span and, when it is partial (not kept),
   * the window's own scores.
   */
  private static double smoothed(
      List<Long> ends,
      List<Map<String, Double>> history,
      Map<String, Double> scores,
      RuntimeSlice slice,
      long span) {
    Set<String> named = new TreeSet<>(scores.keySet());
    for (int w = 0; w < history.size(); w++) {
      if (ends.get(w) > slice.windowEndMs - span) {
        named.addAll(history.get(w).keySet());
      }
    }
    double want = Double.NaN;
    for (String service : named) {
      double sum = 0;
      int n = 0;
      for (int w = 0; w < history.size(); w++) {
        Double score = history.get(w).get(service);
        if (ends.get(w) > slice.windowEndMs - span && score != null && !Double.isNaN(score)) {
          sum += score;
          n++;
        }
      }
      if (slice.partial && scores.containsKey(service) && !Double.isNaN(scores.get(service))) {
        sum += scores.get(service);
        n++;
      }
      if (n > 0) {
        want = Double.isNaN(want) ? sum / n : Math.max(want, sum / n);
      }
    }
    return want;
  }

  @Test
  void withoutRecentScoresTheRawScoreIsTheWindowsLargestServiceScoreOrSystemTerm() {
    Path bundle = TunedBundleFixture.tunedBundle(temp.resolve("b"));
    StateAwareHeads heads = StateAwareHeads.load(ModelBundle.load(bundle));
    FailureAnalyzer analyzer = new FailureAnalyzer(heads);
    RuntimeSlice slice = TunedBundleFixture.slices().get(60);
    SliceEmbedding embedding;
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      embedding = encoder.embed(slice);
    }
    StateAssignment assignment = heads.states().assign(embedding.embedding());
    FailureAnalyzer.Deviations deviations =
        analyzer.deviations(
            embedding,
            assignment,
            null,
            FailureSymptoms.ofWindow(slice, new SymptomNormals(heads.evidence())).symptoms());
    FailureAnalyzer.Deviations global =
        analyzer.deviations(
            embedding,
            assignment,
            heads.global(),
            null,
            FailureSymptoms.ofWindow(slice, new SymptomNormals(heads.evidence())).symptoms());
    double stateScore = deviations.profile().calibration().score(largest(deviations));
    double globalScore = heads.global().calibration().score(largest(global));
    FailureAnalyzer.Deviations leading = globalScore > stateScore ? global : deviations;
    SliceAssessment got = analyzer.assess(embedding, slice, assignment, null, null);
    assertThat(got.rawScore).isCloseTo(largest(leading), within(1e-12));
    assertThat(got.anomalyScore).isEqualTo(Math.max(stateScore, globalScore));
    // The largest service score is never above the old mix of the largest parts.
    assertThat(largest(leading))
        .isLessThanOrEqualTo(
            leading
                    .profile()
                    .mix()
                    .combine(leading.embeddingRaw(), SymptomScales.max(leading.symptoms()))
                + 1e-12);
  }

  private static double largest(FailureAnalyzer.Deviations deviations) {
    double largest = deviations.systemScore();
    for (double score : deviations.serviceScores().values()) {
      largest = Math.max(largest, score);
    }
    return largest;
  }
}
