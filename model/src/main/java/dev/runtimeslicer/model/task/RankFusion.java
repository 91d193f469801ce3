package dev.runtimeslicer.model.task;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the model's root-cause ranking with the traffic contrast's ({@link TrafficContrast}) by
 * weighted reciprocal ranks: each service scores 1/(k + rank) in the model's ranking plus half of
 * 1/(k + rank) in the contrast's. Rank fusion needs nothing fitted on incidents, so it means the
 * same on a system never tuned on. At half weight the contrast reorders the model's suspects where
 * it disagrees strongly (it puts the model's second before the model's first only when it ranks
 * that second first and the first outside its top five), so where the model is right it mostly
 * stays right.
 */
final class RankFusion {

  /** Reciprocal-rank offset: small, so a first place counts for much. */
  static final double OFFSET = 1.0;

  /**
   * Weight of the contrast's reciprocal ranks against the model's (chosen on the dev seeds,
   * docs/evaluation.md).
   */
  static final double CONTRAST_WEIGHT = 0.5;

  private RankFusion() {}

  /**
   * The fused ranking, its scores the summed reciprocal ranks; the model's ranking as it is when
   * the contrast compared nothing (not warm yet). Equal scores keep the model's order.
   */
  static List<RootCauseCandidate> fuse(List<RootCauseCandidate> model, TrafficContrast contrast) {
    if (!contrast.compared()) {
      return model;
    }
    Map<String, RootCauseCandidate> fused = new LinkedHashMap<>();
    for (int i = 0; i < model.size(); i++) {
      RootCauseCandidate candidate = model.get(i);
      fused.put(
          candidate.service,
          new RootCauseCandidate(candidate.service, candidate.instance, 1 / (OFFSET + i + 1)));
    }
    List<String> ranked = contrast.ranked();
    for (int i = 0; i < ranked.size(); i++) {
      double share = CONTRAST_WEIGHT / (OFFSET + i + 1);
      fused.computeIfAbsent(ranked.get(i), s -> new RootCauseCandidate(s, null, 0)).score += share;
    }
    List<RootCauseCandidate> out = new ArrayList<>(fused.values());
    // A stable sort: equal scores stay in the model's order, then the contrast's.
    out.sort(Comparator.comparingDouble((RootCauseCandidate c) -> c.score).reversed());
    return out;
  }
}
