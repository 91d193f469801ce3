package dev.runtimeslicer.model.task;

/**
 * A linear root-cause ranker over {@link LocalizationFeatures}, fitted on labeled incidents as a
 * logistic model of "this service is the root cause". Kept only when it ranks held-out incidents
 * better than the raw deviation does.
 *
 * @param weights one per feature
 * @param bias intercept
 */
public record LocalizationRanker(double[] weights, double bias) {

  public LocalizationRanker {
    if (weights.length != LocalizationFeatures.WIDTH) {
      throw new IllegalArgumentException(
          "localization ranker needs " + LocalizationFeatures.WIDTH + " weights");
    }
  }

  /** The ranking score (log-odds of being the root cause). */
  public double score(double[] features) {
    double sum = bias;
    for (int i = 0; i < weights.length; i++) {
      sum += weights[i] * features[i];
    }
    return sum;
  }
}
