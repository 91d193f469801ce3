package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureScaling;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import java.util.EnumMap;
import java.util.Map;

/**
 * Learns per-feature mean and standard deviation of the tokens that are present (masked tokens are
 * padding, not data) from raw feature batches, with Welford's update so that one pass suffices.
 */
public final class NormalizationFitter {

  private final Map<Modality, double[]> means = new EnumMap<>(Modality.class);
  private final Map<Modality, double[]> squares = new EnumMap<>(Modality.class);
  private final Map<Modality, long[]> counts = new EnumMap<>(Modality.class);

  public NormalizationFitter(FeatureSchema schema) {
    for (Modality modality : Modality.values()) {
      int width = schema.width(modality);
      means.put(modality, new double[width]);
      squares.put(modality, new double[width]);
      counts.put(modality, new long[1]);
    }
  }

  /** Adds the present tokens of a batch made by {@link SliceFeaturizer#featurizeRaw}. */
  public void add(FeatureBatch raw) {
    for (Modality modality : Modality.values()) {
      float[] tokens = raw.tokens(modality);
      float[] mask = raw.mask(modality);
      int width = raw.width(modality);
      double[] mean = means.get(modality);
      double[] m2 = squares.get(modality);
      long[] count = counts.get(modality);
      for (int slot = 0; slot < mask.length; slot++) {
        if (mask[slot] == 0f) {
          continue;
        }
        count[0]++;
        int offset = slot * width;
        for (int i = 0; i < width; i++) {
          double value = tokens[offset + i];
          double delta = value - mean[i];
          mean[i] += delta / count[0];
          m2[i] += delta * (value - mean[i]);
        }
      }
    }
  }

  /** The statistics so far; a modality never seen keeps mean 0 and deviation 1. */
  public FeatureNormalization result() {
    Map<Modality, FeatureScaling> scalings = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      double[] mean = means.get(modality);
      double[] m2 = squares.get(modality);
      long count = counts.get(modality)[0];
      float[] meanOut = new float[mean.length];
      float[] stdOut = new float[mean.length];
      for (int i = 0; i < mean.length; i++) {
        meanOut[i] = count == 0 ? 0f : (float) mean[i];
        stdOut[i] = count < 2 ? 1f : (float) Math.sqrt(m2[i] / (count - 1));
      }
      scalings.put(modality, new FeatureScaling(meanOut, stdOut));
    }
    return new FeatureNormalization(scalings);
  }
}
