package dev.runtimeslicer.tools.evaluation.baseline;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.math3.util.MathArrays;

/**
 * Triage by the nearest neighbour: the fault type of the labeled training window closest to a
 * window (Euclidean distance on the scaled vectors), or {@link #UNKNOWN} when there are no labels.
 */
final class NearestFaultTriage {

  static final String UNKNOWN = "unknown";

  private final List<double[]> vectors = new ArrayList<>();
  private final List<String> types = new ArrayList<>();

  void add(double[] vector, String type) {
    vectors.add(vector);
    types.add(type);
  }

  int examples() {
    return vectors.size();
  }

  String typeOf(double[] vector) {
    String best = UNKNOWN;
    double bestDistance = Double.POSITIVE_INFINITY;
    // Strictly closer only: among equally near examples the earliest wins, so the answer is stable.
    for (int i = 0; i < vectors.size(); i++) {
      double distance = MathArrays.distance(vectors.get(i), vector);
      if (distance < bestDistance) {
        bestDistance = distance;
        best = types.get(i);
      }
    }
    return best;
  }
}
