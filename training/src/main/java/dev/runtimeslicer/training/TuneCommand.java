package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.training.tuning.StateAwareTuner;
import dev.runtimeslicer.training.tuning.TuningSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code runtimeslicer tune}: adds runtime states and task heads to a trained bundle. */
@Command(
    name = "tune",
    mixinStandardHelpOptions = true,
    description = {
      "Fits runtime states and task heads on the frozen encoder.",
      "%nPartitions normal windows into runtime states and fits the anomaly, triage and root-cause"
          + " heads, then writes them into the bundle (heads.json). Each system's firing score"
          + " comes from its normal windows and the alert budget, without labels; labels, where"
          + " given, train triage and ranking. The encoder is never retrained."
    },
    footer = {
      "",
      "Example:",
      "  tune --bundle models/encoder --slices data/shop/slices --labels data/shop/labels.jsonl"
    })
public final class TuneCommand implements Callable<Integer> {

  private static final TuningSettings DEFAULTS = TuningSettings.defaults();

  @Option(
      names = "--bundle",
      required = true,
      paramLabel = "BUNDLE",
      description = "Bundle written by 'train'.")
  Path bundle;

  @Option(
      names = "--slices",
      required = true,
      arity = "1..*",
      paramLabel = "DIR",
      description = "Directories of runtime slices (JSON lines) of the systems to watch.")
  List<Path> slices;

  @Option(
      names = "--labels",
      arity = "0..*",
      paramLabel = "FILE",
      description = "Fault labels (JSON lines, docs/formats.md) of those slices' time.")
  List<Path> labels = new ArrayList<>();

  @Option(
      names = "--max-states",
      paramLabel = "K",
      description = "Most runtime states. Default: ${DEFAULT-VALUE}.")
  int maxStates = DEFAULTS.maxStates();

  @Option(
      names = "--adaptation-minutes",
      paramLabel = "M",
      description =
          "Also compare windows with their recent normal over about M minutes, so slow drift does"
              + " not alert (0: off). Default: ${DEFAULT-VALUE}.")
  long adaptationMinutes = DEFAULTS.adaptationHorizon().toMinutes();

  @Option(
      names = "--embedding-weight",
      paramLabel = "W",
      description =
          "Share of the embedding deviation in the anomaly score; the rest is the services' symptom"
              + " deviation (1: embedding only). Default: ${DEFAULT-VALUE}.")
  double embeddingWeight = DEFAULTS.embeddingWeight();

  @Option(
      names = "--smoothing-seconds",
      paramLabel = "S",
      description =
          "Average every service's window scores over the last S seconds before the largest makes a"
              + " window's score, so a deviation must persist (0: off). Default: ${DEFAULT-VALUE}.")
  long smoothingSeconds = DEFAULTS.smoothing().toSeconds();

  @Option(
      names = "--alert-budget",
      paramLabel = "N",
      description =
          "False alerts a day per system that normal telemetry may fire; each system's firing score"
              + " is fitted to it (detect can change it: alert.budget-per-day). Default:"
              + " ${DEFAULT-VALUE}.")
  double alertBudget = DEFAULTS.alertBudgetPerDay();

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of clustering and sampling. Default: ${DEFAULT-VALUE}.")
  long seed = DEFAULTS.seed();

  private final PrintStream progress;

  public TuneCommand() {
    this(System.out);
  }

  TuneCommand(PrintStream progress) {
    this.progress = progress;
  }

  @Override
  public Integer call() throws Exception {
    ModelBundle loaded = ModelBundle.load(bundle);
    List<FaultLabel> faults = new ArrayList<>();
    for (Path file : labels) {
      faults.addAll(FaultLabelJson.read(file));
    }
    TuningSettings settings =
        TuningSettings.builder()
            .maxStates(maxStates)
            .seed(seed)
            .embeddingWeight(embeddingWeight)
            .adaptationHorizon(java.time.Duration.ofMinutes(adaptationMinutes))
            .smoothing(java.time.Duration.ofSeconds(smoothingSeconds))
            .alertBudgetPerDay(alertBudget)
            .build();
    StateAwareHeads heads =
        new StateAwareTuner(settings, progress)
            .tune(loaded, sink -> SliceFiles.read(slices, sink), faults);
    heads.write(loaded.directory());
    progress.printf("wrote %s to %s%n", StateAwareHeads.FILE, bundle);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TuneCommand()).execute(args));
  }
}
