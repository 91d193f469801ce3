package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The mean distance to the nearest references, searched as tuning does and as the detect path's
 * index does.
 */
class NeighborReferenceTest {

  /** Double rounding, for the same arithmetic done in another order or layout. */
  private static final double DOUBLE_ROUNDING = 1e-9;

  /** Distances as now defined, straightforwardly. */
  private static final ReferenceAnalyzer DISTANCE = new ReferenceAnalyzer(null, false);

  @Test
  void nearestNeighboursOfManyReferencesMatchABruteForceSearch() {
    SplittableRandom random = new SplittableRandom(5);
    int dimension = 128;
    float[][] references = new float[600][];
    for (int i = 0; i < references.length; i++) {
      references[i] = randomVector(random, dimension);
    }
    // Duplicates make ties among the nearest.
    references[17] = references[3].clone();
    references[400] = references[3].clone();
    NeighborReference reference = new NeighborReference(references, 5, new RobustScale(1, 0.5));
    for (int trial = 0; trial < 50; trial++) {
      float[] query = trial % 5 == 0 ? references[3].clone() : randomVector(random, dimension);
      int skipFrom = random.nextInt(600);
      double expected = bruteForce(references, query, 5, skipFrom);
      assertClose(
          reference.meanNearest(query, i -> i >= skipFrom && i < skipFrom + 20),
          expected,
          "mean nearest",
          DOUBLE_ROUNDING);
      // The detect path's layout gives the same value, to the last bit.
      double all = bruteForce(references, query, 5, -100);
      assertThat(new NeighborIndex(reference).meanNearest(query))
          .isEqualTo(reference.meanNearest(query, i -> false));
      assertClose(
          new NeighborIndex(reference).meanNearest(query),
          all,
          "indexed mean nearest",
          DOUBLE_ROUNDING);
    }
    // Fewer candidates than k: the mean of those there are.
    NeighborReference two =
        new NeighborReference(
            new float[][] {references[0], references[1]}, 5, new RobustScale(1, 0.5));
    double mean =
        (DISTANCE.distance(references[2], references[0])
                + DISTANCE.distance(references[2], references[1]))
            / 2;
    assertClose(two.meanNearest(references[2], i -> false), mean, "mean of two", DOUBLE_ROUNDING);
    assertClose(
        new NeighborIndex(two).meanNearest(references[2]),
        mean,
        "indexed mean of two",
        DOUBLE_ROUNDING);
    assertThat(two.meanNearest(references[2], i -> true)).isNaN();
  }

  private static float[] randomVector(SplittableRandom random, int dimension) {
    float[] v = new float[dimension];
    for (int d = 0; d < dimension; d++) {
      v[d] = (float) random.nextGaussian();
    }
    return v;
  }

  private static double bruteForce(float[][] references, float[] query, int k, int skipFrom) {
    double[] distances = new double[references.length];
    int n = 0;
    for (int i = 0; i < references.length; i++) {
      if (i < skipFrom || i >= skipFrom + 20) {
        distances[n++] = DISTANCE.distance(query, references[i]);
      }
    }
    double[] kept = java.util.Arrays.copyOf(distances, n);
    java.util.Arrays.sort(kept);
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += kept[i];
    }
    return sum / k;
  }

  private static void assertClose(double got, double want, String what, double relative) {
    if (Double.isNaN(want)) {
      assertThat(got).as(what).isNaN();
      return;
    }
    double tolerance = relative * Math.max(1, Math.max(Math.abs(got), Math.abs(want)));
    assertThat(Math.abs(got - want))
        .as(what + ": " + got + " vs reference " + want)
        .isLessThanOrEqualTo(tolerance);
  }
}
