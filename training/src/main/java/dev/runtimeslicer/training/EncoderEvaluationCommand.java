package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.EncoderDimensions;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The encoder evaluation from the command line: reads slices and labels, runs {@link
 * EncoderEvaluation}, prints its table.
 */
@Command(
    name = "evaluate-encoder",
    mixinStandardHelpOptions = true,
    description =
        "Trains encoder variants on the earlier part of each system and scores them on the later"
            + " part.")
public final class EncoderEvaluationCommand implements Callable<Integer> {

  @Option(names = "--slices", required = true, arity = "1..*", paramLabel = "DIR")
  List<Path> slices;

  @Option(
      names = "--labels",
      arity = "0..*",
      paramLabel = "FILE",
      description = "Fault label JSON lines.")
  List<Path> labels = List.of();

  @Option(
      names = "--work",
      paramLabel = "DIR",
      description = "Where variant bundles go (not with --bundle).")
  Path work;

  @Option(
      names = "--bundle",
      paramLabel = "DIR",
      description =
          "Score this trained bundle as it is on all the slices (none of which it may have"
              + " trained on): retrieval by runtime condition and own-window rank. No variants"
              + " are trained.")
  Path bundle;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--epochs", paramLabel = "N")
  int epochs = TrainingSettings.defaults().epochs();

  @Option(names = "--held-out", paramLabel = "SHARE")
  double heldOut = 0.25;

  @Option(names = "--temperature", paramLabel = "TAU")
  double temperature = TrainingSettings.defaults().temperature();

  @Option(names = "--hidden", paramLabel = "N", description = "Hidden width of the token encoders.")
  int hidden = EncoderDimensions.DEFAULT_HIDDEN;

  @Option(names = "--service-weight", paramLabel = "W")
  double serviceWeight = TrainingSettings.defaults().serviceWeight();

  @Option(
      names = "--variants",
      split = ",",
      paramLabel = "NAME",
      description =
          "Variants to run: full, untrained, no-temporal, no-cross-modal, raw, probe. Default:"
              + " all.")
  List<String> variants = EncoderEvaluation.VARIANTS;

  @Override
  public Integer call() throws Exception {
    if (bundle != null) {
      System.out.print(
          EncoderEvaluation.scoreBundle(bundle, slices, FaultWindows.read(labels)).table());
      return 0;
    }
    if (work == null) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--work is needed to train variants (or give --bundle to score one)");
    }
    TrainingSettings base =
        TrainingSettings.builder()
            .epochs(epochs)
            .temperature(temperature)
            .dimensions(
                new EncoderDimensions(hidden, TrainingSettings.defaults().dimensions().embedding()))
            .build();
    TrainingSettings config = base.toBuilder().serviceWeight(serviceWeight).build();
    List<Window> raw = TrainingWindows.readRaw(slices, config.schema());
    EncoderEvaluation.Report report =
        EncoderEvaluation.run(
            raw, FaultWindows.read(labels), config, heldOut, work, variants, System.out);
    System.out.print(report.table());
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new EncoderEvaluationCommand()).execute(args));
  }
}
