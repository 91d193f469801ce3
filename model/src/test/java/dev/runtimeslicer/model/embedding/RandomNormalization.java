package dev.runtimeslicer.model.embedding;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/**
 * A seeded normalization with means and deviations far from the identity's, for featurization
 * tests.
 */
final class RandomNormalization {

  private RandomNormalization() {}

  /** Means in [-2, 2) and deviations in [0.05, 2.05): many features leave the clip range. */
  static FeatureNormalization of(FeatureSchema schema, long seed) {
    Random random = new Random(seed);
    Map<Modality, FeatureScaling> scalings = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      int width = schema.width(modality);
      float[] mean = new float[width];
      float[] std = new float[width];
      for (int i = 0; i < width; i++) {
        mean[i] = (float) (random.nextDouble() * 4 - 2);
        std[i] = (float) (0.05 + random.nextDouble() * 2);
      }
      scalings.put(modality, new FeatureScaling(mean, std));
    }
    return new FeatureNormalization(scalings);
  }
}
