package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.state.RuntimeStates;
import dev.runtimeslicer.model.state.Vectors;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.tribuo.Feature;
import org.tribuo.MutableDataset;
import org.tribuo.clustering.ClusterID;
import org.tribuo.clustering.ClusteringFactory;
import org.tribuo.clustering.kmeans.KMeansModel;
import org.tribuo.clustering.kmeans.KMeansTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.distance.L2Distance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Partitions normal system-state embeddings into runtime states without labels: k-means (Tribuo,
 * k-means++ initialisation) for every k up to a bound, keeping the k with the highest mean
 * silhouette; when even that silhouette is weak the embeddings have no real cluster structure and
 * form one state. A state's novelty radius is a high quantile of its members' distances, widened.
 */
final class StateClustering {

  private static final int ITERATIONS = 50;

  /** Members' distance quantile that bounds a state... */
  private static final double RADIUS_QUANTILE = 0.99;

  /** ...widened by this factor before an embedding counts as novel. */
  private static final double RADIUS_MARGIN = 1.25;

  /** The chosen states, each window's state, and the silhouette of every k tried. */
  record Result(RuntimeStates states, int[] assignment, Map<Integer, Double> silhouettes) {}

  private StateClustering() {}

  static Result fit(List<float[]> embeddings, TuningSettings settings) {
    Logger.getLogger("org.tribuo").setLevel(Level.WARNING);
    int n = embeddings.size();
    int[] sample = sample(n, settings.silhouetteSample(), new SplittableRandom(settings.seed()));
    Map<Integer, Double> silhouettes = new LinkedHashMap<>();
    float[][] bestCentroids = null;
    double bestSilhouette = Double.NEGATIVE_INFINITY;
    int maxK =
        Math.min(
            settings.maxStates(), Math.max(1, n / Math.max(1, settings.minStateWindows() / 4)));
    for (int k = 2; k <= maxK && k < n; k++) {
      float[][] centroids = kMeans(embeddings, k, settings.seed());
      int[] labels = assign(embeddings, centroids);
      double silhouette = meanSilhouette(embeddings, labels, sample, k);
      silhouettes.put(k, silhouette);
      if (silhouette > bestSilhouette) {
        bestSilhouette = silhouette;
        bestCentroids = centroids;
      }
    }
    if (bestCentroids == null || bestSilhouette < settings.minSilhouette()) {
      bestCentroids = new float[][] {mean(embeddings)};
    }
    int[] assignment = assign(embeddings, bestCentroids);
    int k = bestCentroids.length;
    double[] radii = new double[k];
    int[] sizes = new int[k];
    List<List<Double>> distances = new ArrayList<>();
    for (int i = 0; i < k; i++) {
      distances.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      distances
          .get(assignment[i])
          .add(Vectors.distance(embeddings.get(i), bestCentroids[assignment[i]]));
      sizes[assignment[i]]++;
    }
    for (int i = 0; i < k; i++) {
      double[] sorted =
          distances.get(i).stream().mapToDouble(Double::doubleValue).sorted().toArray();
      radii[i] =
          sorted.length == 0
              ? 0
              : RADIUS_MARGIN
                  * dev.runtimeslicer.model.task.RobustScale.quantile(sorted, RADIUS_QUANTILE);
    }
    return new Result(new RuntimeStates(bestCentroids, radii, sizes), assignment, silhouettes);
  }

  private static float[][] kMeans(List<float[]> embeddings, int k, long seed) {
    ClusteringFactory factory = new ClusteringFactory();
    MutableDataset<ClusterID> data =
        new MutableDataset<>(new SimpleDataSourceProvenance("normal windows", factory), factory);
    int dimension = embeddings.get(0).length;
    String[] names = new String[dimension];
    for (int d = 0; d < dimension; d++) {
      names[d] = featureName(d);
    }
    for (float[] embedding : embeddings) {
      double[] values = new double[dimension];
      for (int d = 0; d < dimension; d++) {
        values[d] = embedding[d];
      }
      data.add(new ArrayExample<>(ClusteringFactory.UNASSIGNED_CLUSTER_ID, names, values));
    }
    KMeansTrainer trainer =
        new KMeansTrainer(
            k, ITERATIONS, new L2Distance(), KMeansTrainer.Initialisation.PLUSPLUS, 1, seed);
    KMeansModel model = trainer.train(data);
    List<float[]> centroids = new ArrayList<>();
    for (List<Feature> centroid : model.getCentroids()) {
      float[] vector = new float[dimension];
      for (Feature feature : centroid) {
        vector[Integer.parseInt(feature.getName().substring(1))] = (float) feature.getValue();
      }
      centroids.add(vector);
    }
    return centroids.toArray(new float[0][]);
  }

  /** Zero-padded, so Tribuo's name-ordered feature map keeps the dimension order. */
  private static String featureName(int dimension) {
    return String.format("e%04d", dimension);
  }

  static int[] assign(List<float[]> embeddings, float[][] centroids) {
    int[] labels = new int[embeddings.size()];
    for (int i = 0; i < labels.length; i++) {
      double best = Double.POSITIVE_INFINITY;
      for (int c = 0; c < centroids.length; c++) {
        double d = Vectors.distance(embeddings.get(i), centroids[c]);
        if (d < best) {
          best = d;
          labels[i] = c;
        }
      }
    }
    return labels;
  }

  /**
   * Mean silhouette over a sample of windows (Rousseeuw 1987). Written here: Tribuo's clustering
   * evaluation offers only label-based measures, and silhouette is a few lines.
   */
  static double meanSilhouette(List<float[]> embeddings, int[] labels, int[] sample, int k) {
    double total = 0;
    int counted = 0;
    for (int i : sample) {
      double[] sum = new double[k];
      int[] count = new int[k];
      for (int j : sample) {
        if (j != i) {
          sum[labels[j]] += Vectors.distance(embeddings.get(i), embeddings.get(j));
          count[labels[j]]++;
        }
      }
      if (count[labels[i]] == 0) {
        continue;
      }
      double own = sum[labels[i]] / count[labels[i]];
      double other = Double.POSITIVE_INFINITY;
      for (int c = 0; c < k; c++) {
        if (c != labels[i] && count[c] > 0) {
          other = Math.min(other, sum[c] / count[c]);
        }
      }
      if (Double.isInfinite(other)) {
        continue;
      }
      double denominator = Math.max(own, other);
      total += denominator == 0 ? 0 : (other - own) / denominator;
      counted++;
    }
    return counted == 0 ? Double.NEGATIVE_INFINITY : total / counted;
  }

  private static int[] sample(int n, int size, SplittableRandom random) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < Math.min(size, n); i++) {
      int j = i + random.nextInt(n - i);
      int swap = all[i];
      all[i] = all[j];
      all[j] = swap;
    }
    return Arrays.copyOf(all, Math.min(size, n));
  }

  private static float[] mean(List<float[]> embeddings) {
    float[] mean = new float[embeddings.get(0).length];
    for (float[] e : embeddings) {
      for (int d = 0; d < mean.length; d++) {
        mean[d] += e[d] / embeddings.size();
      }
    }
    return mean;
  }
}
