package dev.runtimeslicer.model.embedding;

import java.util.EnumMap;
import java.util.Map;

/** The learned scaling of every modality's tokens. */
public final class FeatureNormalization {

  private final Map<Modality, FeatureScaling> scalings;

  public FeatureNormalization(Map<Modality, FeatureScaling> scalings) {
    for (Modality modality : Modality.values()) {
      if (!scalings.containsKey(modality)) {
        throw new IllegalArgumentException("no scaling for " + modality);
      }
    }
    this.scalings = new EnumMap<>(scalings);
  }

  /** No scaling: what features look like before statistics are learned. */
  public static FeatureNormalization identity(FeatureSchema schema) {
    Map<Modality, FeatureScaling> scalings = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      scalings.put(modality, FeatureScaling.identity(schema.width(modality)));
    }
    return new FeatureNormalization(scalings);
  }

  public FeatureScaling of(Modality modality) {
    return scalings.get(modality);
  }

  /** Whether every modality's scaling has the width the schema gives its tokens. */
  public boolean fits(FeatureSchema schema) {
    for (Modality modality : Modality.values()) {
      if (scalings.get(modality).width() != schema.width(modality)) {
        return false;
      }
    }
    return true;
  }
}
