package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.state.Vectors;
import java.util.List;

/**
 * Failure-type classifier on the frozen embedding: one prototype per type (the mean direction of
 * its labeled windows' {@link TriageFeatures}), probabilities from a softmax over cosine
 * similarities at a temperature fitted on held-out incidents. Prototypes work from a few incidents
 * per type, where a discriminative classifier would overfit. Online it reads a window's first
 * suspect and its {@code suspects} leading suspects' strongest symptoms. "unknown" when the most
 * likely type is less likely than {@code minProbability}. Its answer is the window's failure type
 * ({@link SliceAssessment#failureType}).
 *
 * @param types fault types, in prototype order
 * @param prototypes unit-length mean feature vector per type
 * @param temperature softmax temperature over cosine similarities
 * @param minProbability below this the answer is {@link #UNKNOWN}
 * @param embeddingWeight the {@link TriageFeatures} embedding weight the prototypes were built with
 * @param suspects how many leading suspects' symptoms the features pool
 */
public record TriageHead(
    List<String> types,
    float[][] prototypes,
    double temperature,
    double minProbability,
    double embeddingWeight,
    int suspects)
    implements TaskHead {

  /** This head's {@link #name()}. */
  public static final String NAME = "triage";

  public static final String UNKNOWN = "unknown";

  public TriageHead {
    if (types.isEmpty()
        || types.size() != prototypes.length
        || !(temperature > 0)
        || suspects < 1
        || !(embeddingWeight >= 0)) {
      throw new IllegalArgumentException(
          "triage head needs one prototype per type, a positive temperature,"
              + " a non-negative embedding weight and at least one suspect");
    }
    types = List.copyOf(types);
  }

  @Override
  public String name() {
    return NAME;
  }

  /** The failure type of {@code window}, from its first suspect and its leading ones. */
  @Override
  public HeadAnswer answer(DiagnosedWindow window) {
    List<String> leading = window.leadingSuspects(suspects);
    Triage triage =
        classify(
            TriageFeatures.of(
                window, leading.isEmpty() ? null : leading.get(0), leading, embeddingWeight));
    return new HeadAnswer(triage.type(), triage.probability());
  }

  /** Probability of each type, in {@link #types()} order. */
  public double[] probabilities(float[] features) {
    return softmax(similarities(features));
  }

  /** Index in {@link #types()} of the most likely type, however unlikely. */
  public int mostLikely(float[] features) {
    return argmax(similarities(features));
  }

  /** The most likely type, or unknown when unsure. */
  public Triage classify(float[] features) {
    return decide(probabilities(features));
  }

  private Triage decide(double[] p) {
    int best = argmax(p);
    return new Triage(p[best] >= minProbability ? types.get(best) : UNKNOWN, p[best]);
  }

  /** Cosine similarity to each prototype. */
  private double[] similarities(float[] features) {
    float[] unit = Vectors.unit(features);
    double[] out = new double[prototypes.length];
    for (int i = 0; i < prototypes.length; i++) {
      out[i] = Vectors.dot(unit, prototypes[i]);
    }
    return out;
  }

  private double[] softmax(double[] similarities) {
    double max = similarities[argmax(similarities)] / temperature;
    double[] out = new double[similarities.length];
    double sum = 0;
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.exp(similarities[i] / temperature - max);
      sum += out[i];
    }
    for (int i = 0; i < out.length; i++) {
      out[i] /= sum;
    }
    return out;
  }

  private static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
