package dev.runtimeslicer.model.embedding;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns runtime slices into encoder input: one token per service and modality, its named values
 * placed by name (hashed or by meaning, {@link NameEncoding}) and scaled with the statistics of a
 * bundle. The one featurization used both by training and by the streaming job, so the two cannot
 * drift apart. Thread-safe; its only state is bounded caches of names, which do not change any
 * result. Close it to free the name model, which opens on the first name it has to embed.
 */
public final class SliceFeaturizer implements AutoCloseable {

  private static final double MS_PER_SECOND = 1000.0;

  /** Rates use at least one second, so a degenerate window does not blow them up. */
  private static final double MIN_WINDOW_SECONDS = 1.0;

  private static final Comparator<ServiceSlice> BY_NAME =
      Comparator.comparing(s -> s.service == null ? "" : s.service);

  private static final Modality[] MODALITIES = Modality.values();

  /** Cached feature names: a large system's series, operations, callees and templates fit. */
  private static final int NAME_SLOTS = 8192;

  private static final int SERVICE_SLOTS = 1024;

  /** Names per block size whose directions are kept (about 0.2 KB each). */
  private static final int NAMES_WITH_MEANING = 32_768;

  private final FeatureSchema schema;

  /** Per modality (by ordinal): token width, width before the service code, prepared scaling. */
  private final int[] widths = new int[MODALITIES.length];

  private final int[] observedWidths = new int[MODALITIES.length];
  private final FeatureScaling.Prepared[] scalings = new FeatureScaling.Prepared[MODALITIES.length];
  private final FeatureNames names;
  private final NameHashes serviceCodes = new NameHashes(SERVICE_SLOTS, ServiceIdentity.PREFIX);

  public SliceFeaturizer(FeatureSchema schema, FeatureNormalization normalization) {
    if (!normalization.fits(schema)) {
      throw new IllegalArgumentException(
          "normalization statistics do not match the feature schema");
    }
    this.schema = schema;
    this.names = new FeatureNames(schema.names(), NAME_SLOTS, NAMES_WITH_MEANING);
    for (Modality modality : MODALITIES) {
      int m = modality.ordinal();
      widths[m] = schema.width(modality);
      observedWidths[m] = schema.observedWidth(modality);
      scalings[m] = normalization.of(modality).prepare(schema.scaleFloor(), schema.clip());
    }
  }

  public FeatureSchema schema() {
    return schema;
  }

  /** Scaled tokens, as the encoder expects them. */
  public FeatureBatch featurize(List<RuntimeSlice> slices) {
    return build(slices, true, null);
  }

  /** {@link #featurize} into {@code buffers}: the batch is valid until their next use. */
  FeatureBatch featurize(List<RuntimeSlice> slices, TokenBuffers buffers) {
    return build(slices, true, buffers);
  }

  /** Unscaled tokens, to learn normalization statistics from. */
  public FeatureBatch featurizeRaw(List<RuntimeSlice> slices) {
    return build(slices, false, null);
  }

  /** A scaled copy of a batch made by {@link #featurizeRaw}: same result as {@link #featurize}. */
  public FeatureBatch normalize(FeatureBatch raw) {
    Map<Modality, float[]> tokens = new EnumMap<>(Modality.class);
    Map<Modality, float[]> masks = new EnumMap<>(Modality.class);
    Map<Modality, Integer> widthsOut = new EnumMap<>(Modality.class);
    List<List<String>> rowNames = new ArrayList<>(raw.size());
    int[] truncated = new int[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      rowNames.add(raw.serviceNames(i));
      truncated[i] = raw.truncatedServices(i);
    }
    for (Modality modality : MODALITIES) {
      int width = raw.width(modality);
      if (width != widths[modality.ordinal()]) {
        throw new IllegalArgumentException("batch was featurized with another schema");
      }
      float[] scaled = raw.tokens(modality).clone();
      float[] mask = raw.mask(modality);
      for (int slot = 0; slot < mask.length; slot++) {
        if (mask[slot] != 0f) {
          scalings[modality.ordinal()].apply(scaled, slot * width);
        }
      }
      tokens.put(modality, scaled);
      masks.put(modality, mask);
      widthsOut.put(modality, width);
    }
    return new FeatureBatch(
        raw.size(), raw.services(), tokens, masks, widthsOut, rowNames, truncated);
  }

  private FeatureBatch build(List<RuntimeSlice> slices, boolean scaled, TokenBuffers buffers) {
    int size = slices.size();
    List<List<ServiceSlice>> kept = new ArrayList<>(size);
    int[] truncated = new int[size];
    int services = 1;
    for (int i = 0; i < size; i++) {
      List<ServiceSlice> all = slices.get(i).services;
      // Slices come in name order; copying and sorting is for those that do not (same stable
      // order).
      if (!inNameOrder(all)) {
        all = new ArrayList<>(all);
        all.sort(BY_NAME);
      }
      int keep = Math.min(all.size(), schema.maxServices());
      truncated[i] = all.size() - keep;
      kept.add(keep == all.size() ? all : all.subList(0, keep));
      services = Math.max(services, keep);
    }
    float[][] tokens = new float[MODALITIES.length][];
    float[][] masks = new float[MODALITIES.length][];
    for (int m = 0; m < MODALITIES.length; m++) {
      int tokenLength = size * services * widths[m];
      tokens[m] =
          buffers == null ? new float[tokenLength] : buffers.tokens(MODALITIES[m], tokenLength);
      masks[m] =
          buffers == null
              ? new float[size * services]
              : buffers.mask(MODALITIES[m], size * services);
    }
    List<List<String>> rowNames = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      RuntimeSlice slice = slices.get(i);
      double windowSeconds =
          Math.max(MIN_WINDOW_SECONDS, (slice.windowEndMs - slice.windowStartMs) / MS_PER_SECOND);
      List<ServiceSlice> row = kept.get(i);
      String[] rowServices = new String[row.size()];
      for (int s = 0; s < row.size(); s++) {
        ServiceSlice service = row.get(s);
        rowServices[s] = service.service;
        int slot = i * services + s;
        String serviceName = service.service == null ? "" : service.service;
        // Null when names are hashed: the ±1 code of the name's hash instead.
        float[] meaning = names.direction(serviceName, ServiceIdentity.FEATURES);
        long code = meaning == null ? serviceCodes.hash(serviceName) : 0L;
        for (int m = 0; m < MODALITIES.length; m++) {
          float[] out = tokens[m];
          int offset = slot * widths[m];
          if (writeToken(MODALITIES[m], service, windowSeconds, out, offset)) {
            if (meaning == null) {
              ServiceIdentity.write(code, out, offset + observedWidths[m]);
            } else {
              ServiceIdentity.write(meaning, out, offset + observedWidths[m]);
            }
            masks[m][slot] = 1f;
            if (scaled) {
              scalings[m].apply(out, offset);
            }
          }
        }
      }
      rowNames.add(List.of(rowServices));
    }
    Map<Modality, float[]> tokenMap = new EnumMap<>(Modality.class);
    Map<Modality, float[]> maskMap = new EnumMap<>(Modality.class);
    Map<Modality, Integer> widthMap = new EnumMap<>(Modality.class);
    for (Modality modality : MODALITIES) {
      tokenMap.put(modality, tokens[modality.ordinal()]);
      maskMap.put(modality, masks[modality.ordinal()]);
      widthMap.put(modality, widths[modality.ordinal()]);
    }
    return new FeatureBatch(size, services, tokenMap, maskMap, widthMap, rowNames, truncated);
  }

  /** Frees the name model, if it was opened; names embedded already stay usable. */
  @Override
  public void close() {
    names.close();
  }

  private static boolean inNameOrder(List<ServiceSlice> services) {
    for (int s = 1; s < services.size(); s++) {
      if (BY_NAME.compare(services.get(s - 1), services.get(s)) > 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Writes the observed part of one modality's token; false (and nothing written) when the service
   * lacks it.
   */
  private boolean writeToken(
      Modality modality, ServiceSlice service, double windowSeconds, float[] out, int offset) {
    switch (modality) {
      case METRICS -> {
        if (service.metrics == null || !MetricTokenizer.present(service)) {
          return false;
        }
        MetricTokenizer.write(service, schema, names, out, offset);
      }
      case TRACES -> {
        if (!TraceTokenizer.present(service)) {
          return false;
        }
        TraceTokenizer.write(service, windowSeconds, schema, names, out, offset);
      }
      case LOGS -> {
        if (!LogTokenizer.present(service)) {
          return false;
        }
        LogTokenizer.write(service, windowSeconds, schema, names, out, offset);
      }
    }
    return true;
  }
}
