package dev.runtimeslicer.tools.cli;

import dev.runtimeslicer.model.embedding.NameEncoding;
import dev.runtimeslicer.model.embedding.PretrainedBundle;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.tools.evaluation.Evaluation;
import dev.runtimeslicer.tools.evaluation.TrainingLabels;
import dev.runtimeslicer.training.TrainingSettings;
import dev.runtimeslicer.training.tuning.TuningSettings;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code evaluate}: scores detection, triage and localization on labeled telemetry against
 * baselines.
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Measures failure management on labeled telemetry.",
      "%nReplays labeled telemetry (Collector file-exporter layout) on data the model did not train"
          + " on: the earlier part of each system's time (--train-fraction) trains the encoder and"
          + " tunes the heads, the same operators as 'detect' run on the rest, and the alerts are"
          + " scored (docs/evaluation.md), with the baselines on the same split. Writes"
          + " metrics.json and report.html into --out."
    })
public final class EvaluateCommand implements Callable<Integer> {

  /** Variant: tuning reads every training label (or --label-fraction of them). */
  static final String LABELS = "labels";

  /**
   * Variant: tuning reads the labels of all but the held-out types, whose windows it leaves out.
   */
  static final String HOLDOUT = "holdout";

  /** Variant: tuning reads no label; held-out types, if given, are still scored apart. */
  static final String NO_LABELS = "no-labels";

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--input",
      required = true,
      paramLabel = "DIR",
      description = "Telemetry to evaluate on.")
  File input;

  @Option(
      names = "--labels",
      required = true,
      paramLabel = "FILE",
      description = "Fault labels of --input (docs/formats.md).")
  File labels;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description =
          "Where metrics.json, report.html and work/ go (a previous run's work/ is replaced).")
  File out;

  @Option(
      names = "--train-fraction",
      paramLabel = "F",
      defaultValue = "0.5",
      description =
          "Share of each system's time (the earlier part) to train on. Default: ${DEFAULT-VALUE}.")
  double trainFraction;

  @Option(
      names = "--train-input",
      paramLabel = "DIR",
      description = "Separate training telemetry (then --input is all test).")
  File trainInput;

  @Option(
      names = "--train-labels",
      paramLabel = "FILE",
      description = "Fault labels of --train-input.")
  File trainLabels;

  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description =
          "Evaluate this trained encoder (its heads are tuned anew) instead of training one.")
  File bundle;

  @Option(
      names = "--pretrained",
      description =
          "Score the pretrained bundle in the jar as shipped: its encoder is not trained, and with"
              + " no labels (the default variant here) the training part only calibrates each"
              + " system's normal, as a warm-up would.")
  boolean pretrained;

  @Option(
      names = "--names",
      paramLabel = "ENCODING",
      description =
          "How the encoders trained here take names: HASHED or EMBEDDED (see train --names)."
              + " Default: the trainer's.")
  NameEncoding nameEncoding;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Most training epochs of each encoder. Default: the trainer's.")
  Integer epochs;

  @Option(
      names = "--baselines",
      paramLabel = "NAME",
      split = ",",
      description =
          "Baselines to run (comma-separated, or 'none'). Default: all of rcf, act, metrics-only,"
              + " traces-only, logs-only, no-temporal-loss, no-state-aware-tuning,"
              + " embedding-only-score.")
  List<String> baselines;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Seed of training and tuning. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(
      names = "--adaptation-minutes",
      paramLabel = "M",
      defaultValue = "0",
      description =
          "Tune with recent normals over about M minutes (see 'tune'); 0: off. Default:"
              + " ${DEFAULT-VALUE}.")
  long adaptationMinutes;

  @Option(
      names = "--smoothing-seconds",
      paramLabel = "S",
      defaultValue = "60",
      description =
          "Tune with every service's window scores averaged over S seconds (see 'tune'); 0: off."
              + " Default: ${DEFAULT-VALUE}.")
  long smoothingSeconds;

  @Option(
      names = "--holdout-types",
      paramLabel = "TYPE",
      split = ",",
      description =
          "Fault types held out of training (comma-separated): their training windows are neither"
              + " normal nor labeled, and their test faults are scored apart as unseen types"
              + " (unseen.* in metrics.json).")
  List<String> holdoutTypes;

  @Option(
      names = "--label-fraction",
      paramLabel = "F",
      defaultValue = "1",
      description =
          "Share of the training labels tuning reads (seeded by --seed); the rest are unknown."
              + " Default: ${DEFAULT-VALUE}.")
  double labelFraction;

  @Option(
      names = "--no-labels",
      description = "Tune on telemetry alone: no training label is read (test labels still score).")
  boolean noLabels;

  @Option(
      names = "--variants",
      paramLabel = "NAME",
      split = ",",
      description =
          "Score several label variants on one slicing and one encoder, each into --out/NAME:"
              + " labels (all, or --label-fraction), holdout (all but --holdout-types), no-labels."
              + " Default: the one the other options name.")
  List<String> variants;

  @Option(
      names = "--alert-budget",
      paramLabel = "N",
      defaultValue = "1",
      description =
          "False alerts a day per system that normal telemetry may fire; each system's firing score"
              + " is fitted to it without labels. Default: ${DEFAULT-VALUE}.")
  double alertBudget;

  @Option(
      names = "--max-states",
      paramLabel = "K",
      description =
          "Most runtime states (as tune's); 1 is the no-state ablation. Default: ${DEFAULT-VALUE}.")
  int maxStates = TuningSettings.defaults().maxStates();

  @Option(
      names = "--embedding-weight",
      paramLabel = "W",
      description =
          "Share of the embedding deviation in the anomaly score (as tune's); 0 scores by the"
              + " symptom rules alone, the no-encoder ablation. Default: tune's.")
  Double embeddingWeight;

  @Option(
      names = "--scales",
      paramLabel = "FROM",
      defaultValue = "body",
      description =
          "Where normal scales come from: body (the 99th percentile capped at what the"
              + " median-to-80th-percentile body predicts, robust to unlabeled failures) or top"
              + " (the 99th percentile alone, as before 2026-12-06). Default: ${DEFAULT-VALUE}.")
  String scales;

  @Override
  public Integer call() throws Exception {
    if ((trainInput == null) != (trainLabels == null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--train-input and --train-labels go together");
    }
    for (File dir : trainInput == null ? List.of(input) : List.of(input, trainInput)) {
      if (!dir.isDirectory()) {
        throw new CommandLine.ParameterException(
            spec.commandLine(), dir + " is not a directory of telemetry files");
      }
    }
    List<String> chosen =
        baselines == null
            ? Evaluation.BASELINES
            : baselines.equals(List.of("none")) ? List.of() : baselines;
    for (String baseline : chosen) {
      if (!Evaluation.BASELINES.contains(baseline)) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "unknown baseline '"
                + baseline
                + "'; the baselines are "
                + Evaluation.BASELINES
                + " (or 'none')");
      }
    }
    Map<String, TrainingLabels> readLabels = new LinkedHashMap<>();
    Set<String> holdout = holdoutTypes == null ? Set.of() : new HashSet<>(holdoutTypes);
    if (pretrained && bundle != null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--pretrained and --bundle both name the encoder: give one");
    }
    if (nameEncoding != null && (pretrained || bundle != null)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--names is for encoders trained here; a given bundle keeps the encoding it was trained"
              + " with: drop --names or the bundle");
    }
    List<String> names =
        variants != null
            ? variants
            : List.of(noLabels || pretrained ? NO_LABELS : holdout.isEmpty() ? LABELS : HOLDOUT);
    try {
      for (String name : names) {
        switch (name) {
          case LABELS ->
              readLabels.put(name, new TrainingLabels(Set.of(), labelFraction, false, seed));
          case HOLDOUT -> {
            if (holdout.isEmpty()) {
              throw new IllegalArgumentException("the holdout variant needs --holdout-types");
            }
            readLabels.put(name, new TrainingLabels(holdout, labelFraction, false, seed));
          }
          case NO_LABELS -> readLabels.put(name, new TrainingLabels(holdout, 1, true, seed));
          default ->
              throw new IllegalArgumentException(
                  "unknown variant '"
                      + name
                      + "'; the variants are "
                      + List.of(LABELS, HOLDOUT, NO_LABELS));
        }
      }
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!(alertBudget > 0)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--alert-budget must be above 0 alerts a day, was " + alertBudget);
    }
    if (maxStates < 1) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--max-states must be at least 1, was " + maxStates);
    }
    if (embeddingWeight != null && !(embeddingWeight >= 0 && embeddingWeight <= 1)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--embedding-weight is a share in [0, 1], was " + embeddingWeight);
    }
    if (!scales.equals("body") && !scales.equals("top")) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--scales is body or top, was '" + scales + "'");
    }
    TrainingSettings training = TrainingSettings.builder().seed(seed).build();
    if (nameEncoding != null) {
      training = training.toBuilder().schema(training.schema().withNames(nameEncoding)).build();
    }
    if (epochs != null) {
      training = training.toBuilder().epochs(epochs).build();
    }
    Files.createDirectories(out.toPath());
    List<FaultLabel> trainFaults =
        trainLabels == null ? List.of() : FaultLabelJson.read(trainLabels.toPath());
    new Evaluation(System.out)
        .run(
            new Evaluation.Request(
                input.toPath(),
                new ArrayList<>(FaultLabelJson.read(labels.toPath())),
                out.toPath(),
                trainFraction,
                trainInput == null ? null : trainInput.toPath(),
                trainFaults,
                // Outside --out: evaluation starts its work folder afresh.
                pretrained ? PretrainedBundle.extract() : bundle == null ? null : bundle.toPath(),
                training,
                TuningSettings.builder()
                    .seed(seed)
                    .adaptationHorizon(java.time.Duration.ofMinutes(adaptationMinutes))
                    .smoothing(java.time.Duration.ofSeconds(smoothingSeconds))
                    .alertBudgetPerDay(alertBudget)
                    .maxStates(maxStates)
                    .embeddingWeight(
                        embeddingWeight == null
                            ? TuningSettings.DEFAULT_EMBEDDING_WEIGHT
                            : embeddingWeight)
                    .bodyScales(scales.equals("body"))
                    .build(),
                chosen,
                readLabels));
    return 0;
  }
}
