package dev.runtimeslicer.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Cross-modal retrieval by runtime condition ({@link RuntimeConditions}), the encoder's alignment
 * target: from a window's query embedding (its metrics), find the target embedding (traces or logs)
 * of another window in the same condition among {@value EmbeddingMetrics#CANDIDATES} candidates,
 * the others drawn from other conditions (each other condition as likely as the next, so a rare
 * fault type weighs as much as normal traffic; other systems' conditions included). And the rank of
 * a window's own target among its own and 63 other windows of its system (1 = first).
 */
final class ConditionRetrieval {

  private static final long SEED = 11;

  /**
   * @param top1 share of queries whose same-condition target ranks first
   * @param queries queries that had a same-condition partner and other conditions to draw from
   * @param ownMedianRank median rank of a window's own target among its system's windows
   * @param ownQueries queries ranked for that
   */
  record Result(double top1, int queries, double ownMedianRank, int ownQueries) {}

  private ConditionRetrieval() {}

  /**
   * Retrieval over per-window vectors ({@code queries}, {@code targets}; null where a window lacks
   * them), unit length, compared by dot product.
   */
  static Result measure(
      List<Window> windows, List<String> conditions, float[][] queries, float[][] targets) {
    Map<String, List<Integer>> byCondition = new LinkedHashMap<>();
    for (int i = 0; i < windows.size(); i++) {
      if (targets[i] != null) {
        byCondition.computeIfAbsent(conditions.get(i), c -> new ArrayList<>()).add(i);
      }
    }
    List<String> names = new ArrayList<>(byCondition.keySet());
    SplittableRandom random = new SplittableRandom(SEED);
    int hits = 0;
    int total = 0;
    for (int i = 0; i < windows.size(); i++) {
      if (queries[i] == null || names.size() < 2) {
        continue;
      }
      String own = conditions.get(i);
      List<Integer> partners = new ArrayList<>();
      for (int j : byCondition.getOrDefault(own, List.of())) {
        if (j != i && windows.get(j).overlap(windows.get(i)) == 0) {
          partners.add(j);
        }
      }
      if (partners.isEmpty()) {
        continue;
      }
      List<String> others = new ArrayList<>(names);
      others.remove(own);
      int partner = partners.get(random.nextInt(partners.size()));
      double positive = EmbeddingMetrics.dot(queries[i], targets[partner]);
      boolean first = true;
      for (int c = 0; c < EmbeddingMetrics.CANDIDATES - 1 && first; c++) {
        List<Integer> pool = byCondition.get(others.get(random.nextInt(others.size())));
        int negative = pool.get(random.nextInt(pool.size()));
        first = EmbeddingMetrics.dot(queries[i], targets[negative]) < positive;
      }
      hits += first ? 1 : 0;
      total++;
    }
    List<Integer> ranks = ownRanks(windows, queries, targets, random);
    return new Result(
        total == 0 ? Double.NaN : (double) hits / total, total, median(ranks), ranks.size());
  }

  /** Per query with a target: the rank of its own target among its system's windows. */
  private static List<Integer> ownRanks(
      List<Window> windows, float[][] queries, float[][] targets, SplittableRandom random) {
    Map<String, List<Integer>> bySystem = new LinkedHashMap<>();
    for (int j = 0; j < windows.size(); j++) {
      if (targets[j] != null) {
        bySystem.computeIfAbsent(windows.get(j).system(), s -> new ArrayList<>()).add(j);
      }
    }
    List<Integer> ranks = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      if (queries[i] == null || targets[i] == null) {
        continue;
      }
      List<Integer> pool = new ArrayList<>();
      for (int j : bySystem.get(windows.get(i).system())) {
        if (j != i && windows.get(j).overlap(windows.get(i)) == 0) {
          pool.add(j);
        }
      }
      if (pool.isEmpty()) {
        continue;
      }
      double own = EmbeddingMetrics.dot(queries[i], targets[i]);
      int rank = 1;
      for (int c = 0; c < Math.min(EmbeddingMetrics.CANDIDATES - 1, pool.size()); c++) {
        int pick = c + random.nextInt(pool.size() - c);
        int swap = pool.get(c);
        pool.set(c, pool.get(pick));
        pool.set(pick, swap);
        rank += EmbeddingMetrics.dot(queries[i], targets[pool.get(c)]) >= own ? 1 : 0;
      }
      ranks.add(rank);
    }
    return ranks;
  }

  private static double median(List<Integer> ranks) {
    if (ranks.isEmpty()) {
      return Double.NaN;
    }
    int[] sorted = ranks.stream().mapToInt(Integer::intValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }
}
