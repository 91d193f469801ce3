package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Windows for training and evaluation, featurized with the same {@link SliceFeaturizer} the
 * streaming job uses: first unscaled (to learn statistics from the training part only), then
 * scaled.
 */
public final class TrainingWindows {

  private TrainingWindows() {}

  /** Every slice in {@code directories} as an unscaled window. */
  public static List<Window> readRaw(List<Path> directories, FeatureSchema schema)
      throws IOException {
    List<Window> windows = new ArrayList<>();
    try (SliceFeaturizer raw = new SliceFeaturizer(schema, FeatureNormalization.identity(schema))) {
      SliceFiles.read(directories, slice -> windows.add(raw(raw, slice)));
    }
    return windows;
  }

  /** One slice as an unscaled window. */
  public static Window raw(SliceFeaturizer featurizer, RuntimeSlice slice) {
    return new Window(
        slice.system,
        slice.windowStartMs,
        slice.windowEndMs,
        featurizer.featurizeRaw(List.of(slice)));
  }

  /** Statistics of the present tokens of {@code windows}. */
  public static FeatureNormalization fit(List<Window> windows, FeatureSchema schema) {
    NormalizationFitter fitter = new NormalizationFitter(schema);
    for (Window window : windows) {
      fitter.add(window.features());
    }
    return fitter.result();
  }

  /**
   * The normalization a bundle stores: statistics of {@link #fit}, clock-like features muted
   * ({@link TimeTrendMuting}).
   */
  public static FeatureNormalization learn(List<Window> windows, FeatureSchema schema) {
    return TimeTrendMuting.mute(windows, fit(windows, schema));
  }

  /** Scaled copies of unscaled windows. */
  public static List<Window> scale(List<Window> windows, SliceFeaturizer featurizer) {
    List<Window> scaled = new ArrayList<>(windows.size());
    for (Window window : windows) {
      scaled.add(
          new Window(
              window.system(),
              window.startMs(),
              window.endMs(),
              featurizer.normalize(window.features())));
    }
    return scaled;
  }
}
