package dev.runtimeslicer.tools.evaluation.baseline;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.RecentTraffic;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.TrafficContrast;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The "act" baseline: the model's own windows and alerts, with every window's root causes ranked by
 * {@link TrafficContrast} alone, against recent calm traffic learned as the detect job learns it
 * (from the start of the test part, only windows the model did not flag), so the ranking's value is
 * measured apart from detection.
 */
public final class TrafficContrastRanking {

  private TrafficContrastRanking() {}

  /**
   * Copies of {@code assessments} whose root causes are the contrast's ranking of their window in
   * {@code slices} (windows not yet compared keep no root causes).
   */
  public static List<SliceAssessment> rerank(
      List<RuntimeSlice> slices,
      List<SliceAssessment> assessments,
      TrafficContrastSettings settings) {
    Map<String, SliceAssessment> byWindow = new HashMap<>();
    for (SliceAssessment a : assessments) {
      byWindow.put(a.system + "@" + a.windowStartMs, a);
    }
    List<RuntimeSlice> ordered = new ArrayList<>(slices);
    ordered.sort(
        Comparator.comparing((RuntimeSlice s) -> s.system).thenComparingLong(s -> s.windowEndMs));
    Map<String, RecentTraffic> recent = new HashMap<>();
    List<SliceAssessment> out = new ArrayList<>(assessments.size());
    for (RuntimeSlice slice : ordered) {
      SliceAssessment assessment = byWindow.remove(slice.system + "@" + slice.windowStartMs);
      if (assessment == null) {
        continue;
      }
      RecentTraffic traffic = recent.computeIfAbsent(slice.system, s -> new RecentTraffic());
      TrafficContrast contrast = TrafficContrast.of(slice, traffic, settings);
      out.add(withRanking(assessment, contrast));
      if (!assessment.anomalous && !slice.partial) {
        traffic.learn(slice, settings);
      }
    }
    out.addAll(byWindow.values());
    return out;
  }

  private static SliceAssessment withRanking(SliceAssessment from, TrafficContrast contrast) {
    List<String> ranked = contrast.ranked();
    List<RootCauseCandidate> causes = new ArrayList<>();
    for (int i = 0; i < Math.min(FailureAnalyzer.RANKED, ranked.size()); i++) {
      causes.add(
          new RootCauseCandidate(ranked.get(i), null, contrast.change(ranked.get(i)).score()));
    }
    return from.withRootCauses(causes);
  }
}
