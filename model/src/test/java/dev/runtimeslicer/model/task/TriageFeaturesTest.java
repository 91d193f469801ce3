package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.state.Vectors;
import java.util.List;
import org.junit.jupiter.api.Test;

class TriageFeaturesTest {

  private static final int DIMENSION = 4;

  /** Position of the p50 latency among the generic symptoms. */
  private static final int LATENCY = FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)");

  @Test
  void aRiseAndAFallOfTheSameSymptomShareNothing() {
    float[] slower = new float[FailureSymptoms.WIDTH];
    slower[LATENCY] = 0.8f;
    float[] faster = new float[FailureSymptoms.WIDTH];
    faster[LATENCY] = -0.8f;
    float[] a = TriageFeatures.of(null, null, slower, List.of(), DIMENSION, 0.25);
    float[] b = TriageFeatures.of(null, null, faster, List.of(), DIMENSION, 0.25);
    assertThat(Vectors.dot(a, b)).isEqualTo(0.0, within(1e-9));
    assertThat(Vectors.dot(a, a)).isCloseTo(1.0, within(1e-6));
  }

  @Test
  void theEmbeddingShiftHasTheWeightedLengthBesideUnitSymptoms() {
    float[] symptoms = new float[FailureSymptoms.WIDTH];
    symptoms[0] = -0.5f;
    symptoms[FailureSymptoms.WIDTH - 1] = 1; // absent flag kept as is
    float[] out =
        TriageFeatures.of(
            new float[] {3, 0, 0, 4},
            new float[] {0, 0, 0, 0},
            symptoms,
            List.of(),
            DIMENSION,
            0.25);
    assertThat(out).hasSize(TriageFeatures.width(DIMENSION));
    double shift = 0;
    for (int i = 0; i < DIMENSION; i++) {
      shift += out[i] * out[i];
    }
    assertThat(Math.sqrt(shift)).isCloseTo(0.25, within(1e-6));
    assertThat(out[0]).isCloseTo(0.15f, within(1e-6f));
    assertThat(out[DIMENSION + TriageFeatures.SYMPTOM_WIDTH - 1])
        .isCloseTo((float) (1 / Math.sqrt(1.25)), within(1e-6f));
  }

  @Test
  void noEmbeddingPartAtWeightZero() {
    float[] out =
        TriageFeatures.of(
            new float[] {1, 1, 1, 1},
            new float[] {0, 0, 0, 0},
            new float[FailureSymptoms.WIDTH],
            List.of(),
            DIMENSION,
            0);
    for (int i = 0; i < DIMENSION; i++) {
      assertThat(out[i]).isZero();
    }
  }

  @Test
  void theLeadingSuspectsPartHoldsTheStrongestRiseAndFallOfEachSymptomInAnyOrder() {
    int errors = FailureSymptoms.GENERIC.indexOf("traces:error ratio");
    float[] slowCaller = new float[FailureSymptoms.WIDTH];
    slowCaller[LATENCY] = 0.3f;
    slowCaller[errors] = -0.5f;
    float[] slowerCallee = new float[FailureSymptoms.WIDTH];
    slowerCallee[LATENCY] = 0.8f;
    float[] out =
        TriageFeatures.of(
            null, null, slowCaller, List.of(slowCaller, slowerCallee), DIMENSION, 0.25);
    float[] reordered =
        TriageFeatures.of(
            null, null, slowCaller, List.of(slowerCallee, slowCaller), DIMENSION, 0.25);

    int pooled = DIMENSION + TriageFeatures.SYMPTOM_WIDTH;
    int signed = FailureSymptoms.WIDTH - 1;
    double length = Math.sqrt(0.8 * 0.8 + 0.5 * 0.5);
    assertThat(out[pooled + LATENCY]).isCloseTo((float) (0.8 / length), within(1e-6f));
    assertThat(out[pooled + signed + errors]).isCloseTo((float) (0.5 / length), within(1e-6f));
    assertThat(out[pooled + signed + LATENCY]).isZero();
    assertThat(reordered).containsExactly(out);
    // The first part stays about the service the features are for.
    double ownLength = Math.sqrt(0.3 * 0.3 + 0.5 * 0.5);
    assertThat(out[DIMENSION + LATENCY]).isCloseTo((float) (0.3 / ownLength), within(1e-6f));
  }
}
