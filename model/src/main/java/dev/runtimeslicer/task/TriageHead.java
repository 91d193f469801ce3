package dev.runtimeslicer.task;

import dev.runtimeslicer.state.Vectors;
import java.util.List;

/**
 * Failure-type classifier on the frozen embedding: one prototype per type (the mean direction of
 * its labeled windows' {@link TriageFeatures}), probabilities from a softmax over cosine
 * similarities at a temperature fitted on held-out incidents. Prototypes work from a few incidents
 * per type, where a discriminative classifier would overfit. "unknown" when the most likely type is
 * less likely than {@code minProbability}.
 *
 * @param types fault types, in prototype order
 * @param prototypes unit-length mean feature vector per type
 * @param temperature softmax temperature over cosine similarities
 * @param minProbability below this the answer is {@link #UNKNOWN}
 */
public record TriageHead(List<String> types, float[][] prototypes, double temperature, double minProbability) {

  public static final String UNKNOWN = "unknown";

  public TriageHead {
    if (types.isEmpty() || types.size() != prototypes.length || !(temperature > 0)) {
      throw new IllegalArgumentException("triage head needs one prototype per type and a positive temperature");
    }
    types = List.copyOf(types);
  }

  /** Probability of each type, in {@link #types()} order. */
  public double[] probabilities(float[] features) {
    float[] unit = Vectors.unit(features);
    double[] logits = new double[prototypes.length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < prototypes.length; i++) {
      logits[i] = Vectors.dot(unit, prototypes[i]) / temperature;
      max = Math.max(max, logits[i]);
    }
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      logits[i] = Math.exp(logits[i] - max);
      sum += logits[i];
    }
    for (int i = 0; i < logits.length; i++) {
      logits[i] /= sum;
    }
    return logits;
  }

  /** The most likely type, or unknown when unsure. */
  public Triage classify(float[] features) {
    double[] p = probabilities(features);
    int best = 0;
    for (int i = 1; i < p.length; i++) {
      if (p[i] > p[best]) {
        best = i;
      }
    }
    return new Triage(p[best] >= minProbability ? types.get(best) : UNKNOWN, p[best]);
  }
}
