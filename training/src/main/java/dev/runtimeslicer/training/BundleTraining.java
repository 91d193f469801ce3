package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * From unscaled windows to a model bundle: time split into training and validation, normalization
 * statistics from the training part, contrastive training, ONNX export, bundle with manifest.
 */
public final class BundleTraining {

  private BundleTraining() {}

  /** What a run produced. */
  public record Outcome(
      Path bundle, TrainingResult result, int trainWindows, int validationWindows) {}

  private static Map<String, Integer> mutedCounts(FeatureNormalization normalization) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Modality modality : Modality.values()) {
      int muted = 0;
      for (float std : normalization.of(modality).std()) {
        muted += std >= TimeTrendMuting.MUTED_STD ? 1 : 0;
      }
      counts.put(modality.tensorName(), muted);
    }
    return counts;
  }

  public static Outcome run(
      List<Window> rawWindows, Path out, TrainingSettings config, PrintStream progress)
      throws IOException {
    if (rawWindows.isEmpty()) {
      throw new IllegalArgumentException("no slices to train on");
    }
    TimeSplit split = TimeSplit.of(rawWindows, config.validationShare());
    FeatureNormalization normalization = TrainingWindows.learn(split.earlier(), config.schema());
    SliceFeaturizer featurizer = new SliceFeaturizer(config.schema(), normalization);
    List<Window> train = TrainingWindows.scale(split.earlier(), featurizer);
    List<Window> validation = TrainingWindows.scale(split.later(), featurizer);
    progress.printf(
        "training on %d windows, validating on %d (latest %.0f%% of each system's time), systems"
            + " %s; clock-like features muted: %s%n",
        train.size(),
        validation.size(),
        100 * config.validationShare(),
        TimeSplit.bySystem(rawWindows).keySet(),
        mutedCounts(normalization));
    TrainingResult result = new EncoderTrainer(config, progress).train(train, validation);
    byte[] onnx = OnnxEncoderExport.export(result.weights(), config.schema(), config.dimensions());
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("config", config);
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("trainWindows", train.size());
    metrics.put("validationWindows", validation.size());
    metrics.put("systems", List.copyOf(TimeSplit.bySystem(rawWindows).keySet()));
    metrics.put("bestEpoch", result.bestEpoch());
    metrics.put("bestValidationLoss", result.bestValidationLoss());
    metrics.put("seconds", result.seconds());
    metrics.put("history", result.history());
    training.put("metrics", metrics);
    ModelBundle.write(out, onnx, config.schema(), normalization, config.dimensions(), training);
    progress.printf(
        "bundle written to %s (best epoch %d, validation loss %.4f, %.1fs)%n",
        out, result.bestEpoch(), result.bestValidationLoss(), result.seconds());
    return new Outcome(out, result, train.size(), validation.size());
  }
}
