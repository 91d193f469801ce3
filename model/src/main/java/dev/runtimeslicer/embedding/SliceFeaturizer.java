package dev.runtimeslicer.embedding;

import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns runtime slices into encoder input: one token per service and modality, hashed by feature
 * name and scaled with the statistics of a bundle. The one featurization used both by training and
 * by the streaming job, so the two cannot drift apart. Stateless and thread-safe.
 */
public final class SliceFeaturizer {

  private static final double MS_PER_SECOND = 1000.0;
  /** Rates use at least one second, so a degenerate window does not blow them up. */
  private static final double MIN_WINDOW_SECONDS = 1.0;
  private static final Comparator<ServiceSlice> BY_NAME =
      Comparator.comparing(s -> s.service == null ? "" : s.service);

  private final FeatureSchema schema;
  private final FeatureNormalization normalization;

  public SliceFeaturizer(FeatureSchema schema, FeatureNormalization normalization) {
    if (!normalization.fits(schema)) {
      throw new IllegalArgumentException("normalization statistics do not match the feature schema");
    }
    this.schema = schema;
    this.normalization = normalization;
  }

  public FeatureSchema schema() {
    return schema;
  }

  /** Scaled tokens, as the encoder expects them. */
  public FeatureBatch featurize(List<RuntimeSlice> slices) {
    return build(slices, true);
  }

  /** Unscaled tokens, to learn normalization statistics from. */
  public FeatureBatch featurizeRaw(List<RuntimeSlice> slices) {
    return build(slices, false);
  }

  /** A scaled copy of a batch made by {@link #featurizeRaw}: same result as {@link #featurize}. */
  public FeatureBatch normalize(FeatureBatch raw) {
    Map<Modality, float[]> tokens = new EnumMap<>(Modality.class);
    Map<Modality, float[]> masks = new EnumMap<>(Modality.class);
    Map<Modality, Integer> widths = new EnumMap<>(Modality.class);
    List<List<String>> names = new ArrayList<>(raw.size());
    int[] truncated = new int[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      names.add(raw.serviceNames(i));
      truncated[i] = raw.truncatedServices(i);
    }
    for (Modality modality : Modality.values()) {
      int width = raw.width(modality);
      if (width != schema.width(modality)) {
        throw new IllegalArgumentException("batch was featurized with another schema");
      }
      float[] scaled = raw.tokens(modality).clone();
      float[] mask = raw.mask(modality);
      for (int slot = 0; slot < mask.length; slot++) {
        if (mask[slot] != 0f) {
          normalization.of(modality).apply(scaled, slot * width, schema.scaleFloor(), schema.clip());
        }
      }
      tokens.put(modality, scaled);
      masks.put(modality, mask);
      widths.put(modality, width);
    }
    return new FeatureBatch(raw.size(), raw.services(), tokens, masks, widths, names, truncated);
  }

  private FeatureBatch build(List<RuntimeSlice> slices, boolean scaled) {
    int size = slices.size();
    List<List<ServiceSlice>> kept = new ArrayList<>(size);
    int[] truncated = new int[size];
    int services = 1;
    for (int i = 0; i < size; i++) {
      List<ServiceSlice> all = new ArrayList<>(slices.get(i).services);
      all.sort(BY_NAME);
      int keep = Math.min(all.size(), schema.maxServices());
      truncated[i] = all.size() - keep;
      kept.add(all.subList(0, keep));
      services = Math.max(services, keep);
    }
    Map<Modality, float[]> tokens = new EnumMap<>(Modality.class);
    Map<Modality, float[]> masks = new EnumMap<>(Modality.class);
    Map<Modality, Integer> widths = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      widths.put(modality, schema.width(modality));
      tokens.put(modality, new float[size * services * schema.width(modality)]);
      masks.put(modality, new float[size * services]);
    }
    List<List<String>> names = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      RuntimeSlice slice = slices.get(i);
      double windowSeconds = Math.max(MIN_WINDOW_SECONDS, (slice.windowEndMs - slice.windowStartMs) / MS_PER_SECOND);
      List<ServiceSlice> row = kept.get(i);
      List<String> rowNames = new ArrayList<>(row.size());
      for (int s = 0; s < row.size(); s++) {
        ServiceSlice service = row.get(s);
        rowNames.add(service.service);
        int slot = i * services + s;
        for (Modality modality : Modality.values()) {
          if (writeToken(modality, service, windowSeconds, tokens.get(modality), slot * widths.get(modality))) {
            masks.get(modality)[slot] = 1f;
            if (scaled) {
              normalization.of(modality).apply(tokens.get(modality), slot * widths.get(modality),
                  schema.scaleFloor(), schema.clip());
            }
          }
        }
      }
      names.add(List.copyOf(rowNames));
    }
    return new FeatureBatch(size, services, tokens, masks, widths, names, truncated);
  }

  /** Writes the token of one modality; false (and nothing written) when the service lacks it. */
  private boolean writeToken(Modality modality, ServiceSlice service, double windowSeconds, float[] out, int offset) {
    switch (modality) {
      case METRICS -> {
        if (service.metrics == null || !MetricTokenizer.present(service)) {
          return false;
        }
        MetricTokenizer.write(service, schema, out, offset);
      }
      case TRACES -> {
        if (!TraceTokenizer.present(service)) {
          return false;
        }
        TraceTokenizer.write(service, windowSeconds, schema, out, offset);
      }
      case LOGS -> {
        if (!LogTokenizer.present(service)) {
          return false;
        }
        LogTokenizer.write(service, windowSeconds, schema, out, offset);
      }
    }
    ServiceIdentity.write(service.service, out, offset + schema.observedWidth(modality));
    return true;
  }
}
