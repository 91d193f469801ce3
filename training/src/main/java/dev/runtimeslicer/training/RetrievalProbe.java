package dev.runtimeslicer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A supervised reference for cross-modal retrieval: per system, ridge regression from a window's
 * scaled tokens of one modality (every service's token side by side, in name order) to its tokens
 * of another, fitted on the training windows. Retrieval then asks whether a held-out window's
 * prediction is nearer (Euclidean, over standardized columns) to its own target tokens than to the
 * candidates'. It sees the same featurization as the encoder, so it tells how much of one modality
 * the other's input predicts at all: where it fails, the encoder cannot be expected to succeed.
 */
final class RetrievalProbe {

  /** Ridge penalty per training window, on standardized columns. */
  static final double RIDGE = 0.01;

  private final SliceFeaturizer featurizer;
  private final NDManager manager;

  RetrievalProbe(SliceFeaturizer featurizer, NDManager manager) {
    this.featurizer = featurizer;
    this.manager = manager;
  }

  /**
   * Top-1 retrieval of {@code target} from {@code query} over {@code test}, with {@link
   * EncoderEvaluation#retrieval}'s candidates.
   */
  double retrieval(List<Window> train, List<Window> test, Modality query, Modality target) {
    Map<String, List<Window>> trainBySystem = TimeSplit.bySystem(train);
    Map<Window, Integer> positions = new IdentityHashMap<>();
    for (int i = 0; i < test.size(); i++) {
      positions.put(test.get(i), i);
    }
    float[][] predicted = new float[test.size()][];
    float[][] actual = new float[test.size()][];
    for (Map.Entry<String, List<Window>> system : TimeSplit.bySystem(test).entrySet()) {
      List<Window> fitOn = trainBySystem.getOrDefault(system.getKey(), List.of());
      List<String> services = serviceNames(fitOn);
      if (services.isEmpty()) {
        continue;
      }
      List<Window> testWindows = system.getValue();
      Standardizer x = new Standardizer(rows(fitOn, services, query));
      Standardizer y = new Standardizer(rows(fitOn, services, target));
      double[][] predictions =
          fitAndPredict(
              x.apply(x.fitted), y.apply(y.fitted), x.apply(rows(testWindows, services, query)));
      double[][] targets = y.apply(rows(testWindows, services, target));
      for (int k = 0; k < testWindows.size(); k++) {
        int index = positions.get(testWindows.get(k));
        if (present(testWindows.get(k), query) && present(testWindows.get(k), target)) {
          predicted[index] = toFloats(predictions[k]);
          actual[index] = toFloats(targets[k]);
        }
      }
    }
    return EmbeddingMetrics.retrieval(test, predicted, actual, (a, b) -> -squaredDistance(a, b));
  }

  /** Ridge regression y ~ x on standardized columns, applied to {@code apply}. */
  private double[][] fitAndPredict(double[][] x, double[][] y, double[][] apply) {
    int width = y[0].length;
    try (NDManager scope = manager.newSubManager()) {
      NDArray features = matrix(scope, x);
      NDArray gram = features.transpose().matMul(features);
      NDArray penalty =
          scope
              .eye((int) gram.getShape().get(0))
              .toType(DataType.FLOAT64, false)
              .mul(RIDGE * x.length);
      NDArray weights =
          gram.add(penalty).inverse().matMul(features.transpose().matMul(matrix(scope, y)));
      double[] flat = matrix(scope, apply).matMul(weights).toDoubleArray();
      double[][] out = new double[apply.length][width];
      for (int i = 0; i < apply.length; i++) {
        System.arraycopy(flat, i * width, out[i], 0, width);
      }
      return out;
    }
  }

  private static NDArray matrix(NDManager scope, double[][] rows) {
    int width = rows[0].length;
    double[] flat = new double[rows.length * width];
    for (int i = 0; i < rows.length; i++) {
      System.arraycopy(rows[i], 0, flat, i * width, width);
    }
    return scope.create(flat, new Shape(rows.length, width));
  }

  /**
   * Columns centered and divided by their training deviation: the probe may weigh any feature as
   * the encoder's first layer may, whatever scale floor the featurizer gave it. Constant columns
   * become 0.
   */
  private static final class Standardizer {

    private static final double CONSTANT = 1e-9;

    final double[][] fitted;
    private final double[] mean;
    private final double[] inverseDeviation;

    Standardizer(double[][] rows) {
      this.fitted = rows;
      int width = rows[0].length;
      mean = new double[width];
      inverseDeviation = new double[width];
      for (double[] row : rows) {
        for (int j = 0; j < width; j++) {
          mean[j] += row[j] / rows.length;
        }
      }
      for (int j = 0; j < width; j++) {
        double variance = 0;
        for (double[] row : rows) {
          variance += (row[j] - mean[j]) * (row[j] - mean[j]) / rows.length;
        }
        double deviation = Math.sqrt(variance);
        inverseDeviation[j] = deviation > CONSTANT ? 1 / deviation : 0;
      }
    }

    double[][] apply(double[][] rows) {
      double[][] out = new double[rows.length][mean.length];
      for (int i = 0; i < rows.length; i++) {
        for (int j = 0; j < mean.length; j++) {
          out[i][j] = (rows[i][j] - mean[j]) * inverseDeviation[j];
        }
      }
      return out;
    }
  }

  /**
   * Every window's scaled {@code modality} tokens of {@code services}, side by side (zeros where
   * absent).
   */
  private double[][] rows(List<Window> windows, List<String> services, Modality modality) {
    int width = featurizer.schema().width(modality);
    double[][] rows = new double[windows.size()][services.size() * width];
    for (int i = 0; i < windows.size(); i++) {
      FeatureBatch batch = featurizer.normalize(windows.get(i).features());
      float[] tokens = batch.tokens(modality);
      float[] mask = batch.mask(modality);
      List<String> names = batch.serviceNames(0);
      for (int slot = 0; slot < names.size(); slot++) {
        int column = services.indexOf(names.get(slot));
        if (column < 0 || mask[slot] == 0f) {
          continue;
        }
        for (int f = 0; f < width; f++) {
          rows[i][column * width + f] = tokens[slot * width + f];
        }
      }
    }
    return rows;
  }

  private static List<String> serviceNames(List<Window> windows) {
    TreeSet<String> names = new TreeSet<>();
    for (Window window : windows) {
      names.addAll(window.features().serviceNames(0));
    }
    return new ArrayList<>(names);
  }

  private static boolean present(Window window, Modality modality) {
    for (float present : window.features().mask(modality)) {
      if (present != 0f) {
        return true;
      }
    }
    return false;
  }

  private static float[] toFloats(double[] values) {
    float[] out = new float[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = (float) values[i];
    }
    return out;
  }

  private static double squaredDistance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = a[i] - b[i];
      sum += d * d;
    }
    return sum;
  }
}
