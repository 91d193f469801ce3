package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * What the encoder evaluation measures of embeddings: cross-modal retrieval, nearest distances,
 * AUROC.
 */
final class EmbeddingMetrics {

  /** Candidates a window's own counterpart is ranked among in retrieval. */
  static final int CANDIDATES = 64;

  private static final long SEED = 7;

  private EmbeddingMetrics() {}

  /**
   * Retrieval over per-window vectors (null where a window lacks them) and similarity of a query to
   * a target (higher is more alike).
   */
  static double retrieval(
      List<Window> windows,
      float[][] queries,
      float[][] targets,
      ToDoubleBiFunction<float[], float[]> similarity) {
    SplittableRandom random = new SplittableRandom(SEED);
    int hits = 0;
    int total = 0;
    for (int i = 0; i < windows.size(); i++) {
      if (queries[i] == null || targets[i] == null) {
        continue;
      }
      List<Integer> pool = new ArrayList<>();
      for (int j = 0; j < windows.size(); j++) {
        if (j != i
            && targets[j] != null
            && windows.get(j).system().equals(windows.get(i).system())
            && windows.get(j).overlap(windows.get(i)) == 0) {
          pool.add(j);
        }
      }
      if (pool.isEmpty()) {
        continue;
      }
      double own = similarity.applyAsDouble(queries[i], targets[i]);
      boolean best = true;
      for (int c = 0; c < Math.min(CANDIDATES - 1, pool.size()) && best; c++) {
        int pick = c + random.nextInt(pool.size() - c);
        Integer swap = pool.get(c);
        pool.set(c, pool.get(pick));
        pool.set(pick, swap);
        best = similarity.applyAsDouble(queries[i], targets[pool.get(c)]) < own;
      }
      hits += best ? 1 : 0;
      total++;
    }
    return total == 0 ? Double.NaN : (double) hits / total;
  }

  /** Cosine distance (1 - dot of unit vectors) from each query to its nearest reference. */
  static double[] nearestDistances(float[][] queries, float[][] references) {
    double[] distances = new double[queries.length];
    for (int i = 0; i < queries.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (float[] reference : references) {
        best = Math.min(best, 1 - dot(queries[i], reference));
      }
      distances[i] = best;
    }
    return distances;
  }

  /** Area under the ROC curve of {@code scores} for {@code positive} labels (ties count half). */
  static double auroc(double[] scores, boolean[] positive) {
    long positives = 0;
    long negatives = 0;
    double wins = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!positive[i]) {
        continue;
      }
      positives++;
      for (int j = 0; j < scores.length; j++) {
        if (!positive[j]) {
          wins += scores[i] > scores[j] ? 1 : scores[i] == scores[j] ? 0.5 : 0;
        }
      }
    }
    for (boolean p : positive) {
      negatives += p ? 0 : 1;
    }
    return positives == 0 || negatives == 0 ? Double.NaN : wins / (positives * negatives);
  }

  /** Per window: for each modality the mean of its scaled service tokens, then presence flags. */
  static float[][] pooled(SliceFeaturizer featurizer, List<Window> windows) {
    float[][] rows = new float[windows.size()][];
    for (int i = 0; i < windows.size(); i++) {
      FeatureBatch batch = featurizer.normalize(windows.get(i).features());
      List<Float> row = new ArrayList<>();
      for (Modality modality : Modality.values()) {
        int width = batch.width(modality);
        float[] tokens = batch.tokens(modality);
        float[] mask = batch.mask(modality);
        float[] mean = new float[width];
        int count = 0;
        for (int slot = 0; slot < batch.services(); slot++) {
          if (mask[slot] > 0) {
            count++;
            for (int f = 0; f < width; f++) {
              mean[f] += tokens[slot * width + f];
            }
          }
        }
        for (float value : mean) {
          row.add(count == 0 ? 0f : value / count);
        }
        row.add(count == 0 ? 0f : 1f);
      }
      rows[i] = new float[row.size()];
      for (int k = 0; k < row.size(); k++) {
        rows[i][k] = row.get(k);
      }
    }
    return rows;
  }

  static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
