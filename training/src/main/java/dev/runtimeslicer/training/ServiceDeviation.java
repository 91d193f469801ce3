package dev.runtimeslicer.training;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Per-service anomaly measures of service vectors (embeddings or raw tokens): a service's deviation
 * in a window is its distance to the nearest vector of the same service in normal reference
 * windows, divided by that service's typical normal deviation (so noisy services do not always rank
 * first). Scored on held-out windows: AUROC of the root cause's deviation in faulty windows against
 * the same services in normal windows, and how often ranking a faulty window's services by
 * deviation puts the root cause first or in the first three.
 */
final class ServiceDeviation {

  /** Smallest typical deviation, so a service that never varied does not divide by zero. */
  private static final double MIN_SCALE = 1e-6;

  /** How two vectors of one service differ. */
  interface Distance {
    double between(float[] a, float[] b);
  }

  /** 1 - cosine of unit vectors. */
  static final Distance COSINE = (a, b) -> 1 - dot(a, b);

  /** Euclidean distance. */
  static final Distance EUCLIDEAN =
      (a, b) -> {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
          double d = a[i] - b[i];
          sum += d * d;
        }
        return Math.sqrt(sum);
      };

  /** The measures (NaN when a set is empty). */
  record Measures(double auroc, double top1, double top3, int faultyWindows) {}

  private ServiceDeviation() {}

  /**
   * @param test held-out windows, with {@code testVectors.get(i)} the vectors of window i by
   *     service
   * @param references normal training windows, with their vectors likewise
   */
  static Measures evaluate(
      List<Window> test,
      List<Map<String, float[]>> testVectors,
      List<Window> references,
      List<Map<String, float[]>> referenceVectors,
      FaultWindows faults,
      Distance distance) {
    Map<String, List<Integer>> referencesBySystem = new HashMap<>();
    for (int r = 0; r < references.size(); r++) {
      referencesBySystem.computeIfAbsent(references.get(r).system(), s -> new ArrayList<>()).add(r);
    }
    Map<String, Double> scales = new HashMap<>();
    List<Double> positives = new ArrayList<>();
    Map<String, Set<String>> rootCauses = new HashMap<>();
    int top1 = 0;
    int top3 = 0;
    int ranked = 0;
    double[][] deviations = new double[test.size()][];
    List<List<String>> names = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      Window window = test.get(i);
      List<Integer> pool = referencesBySystem.getOrDefault(window.system(), List.of());
      List<String> services = new ArrayList<>(testVectors.get(i).keySet());
      double[] row = new double[services.size()];
      for (int s = 0; s < services.size(); s++) {
        String service = services.get(s);
        double scale =
            scales.computeIfAbsent(
                window.system() + "\u0000" + service,
                key -> typicalDeviation(service, pool, references, referenceVectors, distance));
        row[s] =
            nearest(testVectors.get(i).get(service), service, pool, referenceVectors, distance)
                / scale;
      }
      deviations[i] = row;
      names.add(services);
      String rootCause = faults.rootCause(window);
      int index = rootCause == null ? -1 : services.indexOf(rootCause);
      if (index < 0) {
        continue;
      }
      positives.add(row[index]);
      rootCauses.computeIfAbsent(window.system(), s -> new LinkedHashSet<>()).add(rootCause);
      int above = 0;
      for (double other : row) {
        above += other > row[index] ? 1 : 0;
      }
      top1 += above == 0 ? 1 : 0;
      top3 += above < 3 ? 1 : 0;
      ranked++;
    }
    List<Double> negatives = new ArrayList<>();
    for (int i = 0; i < test.size(); i++) {
      if (faults.faulty(test.get(i))) {
        continue;
      }
      for (String service : rootCauses.getOrDefault(test.get(i).system(), Set.of())) {
        int index = names.get(i).indexOf(service);
        if (index >= 0) {
          negatives.add(deviations[i][index]);
        }
      }
    }
    double[] scores = new double[positives.size() + negatives.size()];
    boolean[] positive = new boolean[scores.length];
    for (int k = 0; k < positives.size(); k++) {
      scores[k] = positives.get(k);
      positive[k] = true;
    }
    for (int k = 0; k < negatives.size(); k++) {
      scores[positives.size() + k] = negatives.get(k);
    }
    return new Measures(
        EmbeddingMetrics.auroc(scores, positive),
        ranked == 0 ? Double.NaN : (double) top1 / ranked,
        ranked == 0 ? Double.NaN : (double) top3 / ranked,
        ranked);
  }

  /**
   * Distance to the nearest reference vector of {@code service}; infinite when it never appeared.
   */
  private static double nearest(
      float[] vector,
      String service,
      List<Integer> pool,
      List<Map<String, float[]>> referenceVectors,
      Distance distance) {
    double best = Double.POSITIVE_INFINITY;
    for (int r : pool) {
      float[] reference = referenceVectors.get(r).get(service);
      if (reference != null) {
        best = Math.min(best, distance.between(vector, reference));
      }
    }
    return best;
  }

  /**
   * Median over references of their distance to the nearest other reference that shares no time
   * with them (held-out windows never overlap a reference either, so both see the same gaps).
   */
  private static double typicalDeviation(
      String service,
      List<Integer> pool,
      List<Window> references,
      List<Map<String, float[]>> referenceVectors,
      Distance distance) {
    double[] nearest = new double[pool.size()];
    int count = 0;
    for (int a : pool) {
      float[] vector = referenceVectors.get(a).get(service);
      if (vector == null) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      for (int b : pool) {
        float[] other = referenceVectors.get(b).get(service);
        if (b != a && other != null && references.get(a).overlap(references.get(b)) == 0) {
          best = Math.min(best, distance.between(vector, other));
        }
      }
      if (Double.isFinite(best)) {
        nearest[count++] = best;
      }
    }
    if (count == 0) {
      return 1.0;
    }
    double[] sorted = Arrays.copyOf(nearest, count);
    Arrays.sort(sorted);
    return Math.max(MIN_SCALE, sorted[count / 2]);
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
