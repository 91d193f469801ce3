package dev.runtimeslicer.cli;

import dev.runtimeslicer.evaluation.Evaluation;
import dev.runtimeslicer.evaluation.FaultLabel;
import dev.runtimeslicer.evaluation.FaultLabels;
import dev.runtimeslicer.training.TrainingConfig;
import dev.runtimeslicer.tuning.TuningSettings;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate}: scores detection, triage and localization on labeled telemetry against baselines. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Replays labeled telemetry (Collector file-exporter layout) and measures failure management on data the model",
      "did not train on: the earlier part of each system's time (--train-fraction) trains the encoder and tunes the",
      "heads, the same operators as 'detect' run on the rest, and the alerts are scored (docs/evaluation.md), with",
      "the baselines on the same split. Writes metrics.json and report.html into --out."
    })
public final class EvaluateCommand implements Callable<Integer> {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Option(names = "--input", required = true, paramLabel = "DIR", description = "Telemetry to evaluate on.")
  File input;

  @Option(names = "--labels", required = true, paramLabel = "FILE", description = "Fault labels of --input (docs/formats.md).")
  File labels;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Where metrics.json, report.html and work/ go (a previous run's work/ is replaced).")
  File out;

  @Option(names = "--train-fraction", paramLabel = "F", defaultValue = "0.5",
      description = "Share of each system's time (the earlier part) to train on. Default: ${DEFAULT-VALUE}.")
  double trainFraction;

  @Option(names = "--train-input", paramLabel = "DIR", description = "Separate training telemetry (then --input is all test).")
  File trainInput;

  @Option(names = "--train-labels", paramLabel = "FILE", description = "Fault labels of --train-input.")
  File trainLabels;

  @Option(names = "--bundle", paramLabel = "DIR", description = "Evaluate this trained encoder (its heads are tuned anew) instead of training one.")
  File bundle;

  @Option(names = "--epochs", paramLabel = "N", description = "Most training epochs of each encoder. Default: the trainer's.")
  Integer epochs;

  @Option(names = "--baselines", paramLabel = "NAME", split = ",",
      description = "Baselines to run (comma-separated, or 'none'). Default: all of rcf, metrics-only, traces-only, logs-only, no-temporal-loss, no-state-aware-tuning, embedding-only-score.")
  List<String> baselines;

  @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of training and tuning. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--adaptation-minutes", paramLabel = "M", defaultValue = "0",
      description = "Tune with recent normals over about M minutes (see 'tune'); 0: off. Default: ${DEFAULT-VALUE}.")
  long adaptationMinutes;

  @Option(names = "--smoothing-seconds", paramLabel = "S", defaultValue = "60",
      description = "Tune with every service's window scores averaged over S seconds (see 'tune'); 0: off. Default: ${DEFAULT-VALUE}.")
  long smoothingSeconds;

  @Override
  public Integer call() throws Exception {
    if ((trainInput == null) != (trainLabels == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--train-input and --train-labels go together");
    }
    for (File dir : trainInput == null ? List.of(input) : List.of(input, trainInput)) {
      if (!dir.isDirectory()) {
        throw new CommandLine.ParameterException(spec.commandLine(), dir + " is not a directory of telemetry files");
      }
    }
    List<String> chosen = baselines == null ? Evaluation.BASELINES
        : baselines.equals(List.of("none")) ? List.of() : baselines;
    for (String baseline : chosen) {
      if (!Evaluation.BASELINES.contains(baseline)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "unknown baseline '" + baseline + "'; the baselines are "
            + Evaluation.BASELINES + " (or 'none')");
      }
    }
    TrainingConfig training = TrainingConfig.defaults().withSeed(seed);
    if (epochs != null) {
      training = training.withEpochs(epochs);
    }
    Files.createDirectories(out.toPath());
    List<FaultLabel> trainFaults = trainLabels == null ? List.of() : FaultLabels.read(trainLabels.toPath());
    new Evaluation(System.out).run(new Evaluation.Request(input.toPath(), new ArrayList<>(FaultLabels.read(labels.toPath())),
        out.toPath(), trainFraction, trainInput == null ? null : trainInput.toPath(), trainFaults,
        bundle == null ? null : bundle.toPath(), training, TuningSettings.defaults().withSeed(seed)
            .withAdaptation(java.time.Duration.ofMinutes(adaptationMinutes))
            .withSmoothing(java.time.Duration.ofSeconds(smoothingSeconds)), chosen));
    return 0;
  }
}
