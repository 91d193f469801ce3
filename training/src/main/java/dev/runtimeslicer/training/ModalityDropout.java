package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.Modality;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Hides whole modalities of a window (all its services' tokens of that modality), so the fused
 * embedding learns to stay put when a signal goes missing; at least one present modality is kept.
 */
final class ModalityDropout {

  private ModalityDropout() {}

  /** Masks of a randomly thinned view of {@code batch}. */
  static Map<Modality, float[]> view(FeatureBatch batch, double rate, SplittableRandom random) {
    Modality[] modalities = Modality.values();
    Map<Modality, float[]> masks = new EnumMap<>(Modality.class);
    for (Modality modality : modalities) {
      masks.put(modality, batch.mask(modality).clone());
    }
    int services = batch.services();
    for (int i = 0; i < batch.size(); i++) {
      boolean[] keep = new boolean[modalities.length];
      int present = 0;
      int kept = 0;
      for (Modality modality : modalities) {
        if (batch.hasModality(i, modality)) {
          present++;
          keep[modality.ordinal()] = random.nextDouble() >= rate;
          kept += keep[modality.ordinal()] ? 1 : 0;
        }
      }
      if (present > 0 && kept == 0) {
        // Keep one present modality at random: a view with nothing in it teaches nothing.
        int choice = random.nextInt(present);
        for (Modality modality : modalities) {
          if (batch.hasModality(i, modality) && choice-- == 0) {
            keep[modality.ordinal()] = true;
          }
        }
      }
      for (Modality modality : modalities) {
        if (!keep[modality.ordinal()]) {
          java.util.Arrays.fill(masks.get(modality), i * services, (i + 1) * services, 0f);
        }
      }
    }
    return masks;
  }
}
