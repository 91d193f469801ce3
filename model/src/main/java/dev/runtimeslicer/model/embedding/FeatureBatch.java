package dev.runtimeslicer.model.embedding;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Encoder input for a batch of slices: per modality a row-major token tensor [size, services,
 * width] and a mask [size, services] (1 where that service has that modality in that window), plus
 * which service each slot holds. The arrays are shared, not copied: treat them as read-only.
 */
public final class FeatureBatch {

  private final int size;
  private final int services;
  private final Map<Modality, float[]> tokens;
  private final Map<Modality, float[]> masks;
  private final Map<Modality, Integer> widths;
  private final List<List<String>> serviceNames;
  private final int[] truncatedServices;

  FeatureBatch(
      int size,
      int services,
      Map<Modality, float[]> tokens,
      Map<Modality, float[]> masks,
      Map<Modality, Integer> widths,
      List<List<String>> serviceNames,
      int[] truncatedServices) {
    this.size = size;
    this.services = services;
    this.tokens = new EnumMap<>(tokens);
    this.masks = new EnumMap<>(masks);
    this.widths = new EnumMap<>(widths);
    this.serviceNames = List.copyOf(serviceNames);
    this.truncatedServices = truncatedServices;
  }

  /** Number of slices. */
  public int size() {
    return size;
  }

  /** Service slots per slice (the most services any slice of the batch kept). */
  public int services() {
    return services;
  }

  public int width(Modality modality) {
    return widths.get(modality);
  }

  /** Tokens [size, services, width], row-major. */
  public float[] tokens(Modality modality) {
    return tokens.get(modality);
  }

  /** Presence [size, services], 1 or 0. */
  public float[] mask(Modality modality) {
    return masks.get(modality);
  }

  /** Names of the services in the slots of slice {@code index}, in slot order. */
  public List<String> serviceNames(int index) {
    return serviceNames.get(index);
  }

  /** Services of slice {@code index} dropped by the bound on services per slice. */
  public int truncatedServices(int index) {
    return truncatedServices[index];
  }

  /**
   * The slices of {@code parts} in order, as one batch whose service slots are the most any part
   * has (fewer slots are padded with masked, zero tokens).
   */
  public static FeatureBatch stack(List<FeatureBatch> parts) {
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("nothing to stack");
    }
    int size = 0;
    int services = 1;
    for (FeatureBatch part : parts) {
      size += part.size;
      services = Math.max(services, part.services);
    }
    Map<Modality, float[]> tokens = new EnumMap<>(Modality.class);
    Map<Modality, float[]> masks = new EnumMap<>(Modality.class);
    FeatureBatch first = parts.get(0);
    for (Modality modality : Modality.values()) {
      int width = first.width(modality);
      float[] stackedTokens = new float[size * services * width];
      float[] stackedMask = new float[size * services];
      int row = 0;
      for (FeatureBatch part : parts) {
        if (part.width(modality) != width) {
          throw new IllegalArgumentException(
              "batches of different feature schemas cannot be stacked");
        }
        for (int i = 0; i < part.size; i++, row++) {
          System.arraycopy(
              part.tokens(modality),
              i * part.services * width,
              stackedTokens,
              row * services * width,
              part.services * width);
          System.arraycopy(
              part.mask(modality), i * part.services, stackedMask, row * services, part.services);
        }
      }
      tokens.put(modality, stackedTokens);
      masks.put(modality, stackedMask);
    }
    List<List<String>> names = new ArrayList<>(size);
    int[] truncated = new int[size];
    int row = 0;
    for (FeatureBatch part : parts) {
      for (int i = 0; i < part.size; i++, row++) {
        names.add(part.serviceNames(i));
        truncated[row] = part.truncatedServices(i);
      }
    }
    return new FeatureBatch(size, services, tokens, masks, first.widths, names, truncated);
  }

  /** Whether slice {@code index} has {@code modality} for at least one service. */
  public boolean hasModality(int index, Modality modality) {
    float[] mask = masks.get(modality);
    for (int slot = 0; slot < services; slot++) {
      if (mask[index * services + slot] != 0f) {
        return true;
      }
    }
    return false;
  }
}
