package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.EncoderDimensions;
import dev.runtimeslicer.model.embedding.NameEncoding;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code runtimeslicer train}: trains a slice encoder on slice files and writes a model bundle. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Pre-trains the slice encoder and writes a model bundle.",
      "%nUnified runtime contrastive learning (cross-modal alignment, overlap-weighted temporal"
          + " consistency, modality dropout) on CPU; the bundle holds encoder.onnx,"
          + " featurization.json, training.json and a checksummed manifest."
    },
    footer = {
      "",
      "Example:",
      "  train --slices data/shop/slices data/ticketing/slices --out models/encoder --epochs 20"
    })
public final class TrainCommand implements Callable<Integer> {

  private static final TrainingSettings DEFAULTS = TrainingSettings.defaults();

  @Option(
      names = "--slices",
      required = true,
      arity = "1..*",
      paramLabel = "DIR",
      description = "Directories of runtime slices (JSON lines), possibly of several systems.")
  List<Path> slices;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "BUNDLE",
      description = "Directory to write the bundle to.")
  Path out;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      description = "Most epochs (early stopping may end sooner). Default: ${DEFAULT-VALUE}.")
  int epochs = DEFAULTS.epochs();

  @Option(
      names = "--dim",
      paramLabel = "D",
      description = "Embedding dimension. Default: ${DEFAULT-VALUE}.")
  int dim = DEFAULTS.dimensions().embedding();

  @Option(
      names = "--hidden",
      paramLabel = "H",
      description = "Token width inside the encoder. Default: ${DEFAULT-VALUE}.")
  int hidden = DEFAULTS.dimensions().hidden();

  @Option(
      names = "--batch",
      paramLabel = "N",
      description = "Windows per batch. Default: ${DEFAULT-VALUE}.")
  int batch = DEFAULTS.batchSize();

  @Option(
      names = "--anchors-per-epoch",
      paramLabel = "N",
      description =
          "Most anchor windows per epoch, to subsample long histories. Default: ${DEFAULT-VALUE}.")
  int anchorsPerEpoch = DEFAULTS.anchorsPerEpoch();

  @Option(
      names = "--names",
      paramLabel = "ENCODING",
      description =
          "How names (series, operations, callees, templates, services) enter the features:"
              + " HASHED (a bucket each, no meaning) or EMBEDDED (a direction from the name's text"
              + " embedding, so the same resource under another naming lands nearby). Default:"
              + " ${DEFAULT-VALUE}.")
  NameEncoding names = DEFAULTS.schema().names();

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed; the same seed and data give the same bundle. Default: ${DEFAULT-VALUE}.")
  long seed = DEFAULTS.seed();

  private final PrintStream progress;

  public TrainCommand() {
    this(System.out);
  }

  TrainCommand(PrintStream progress) {
    this.progress = progress;
  }

  @Override
  public Integer call() throws Exception {
    TrainingSettings config =
        TrainingSettings.builder()
            .epochs(epochs)
            .batchSize(batch)
            .seed(seed)
            .anchorsPerEpoch(anchorsPerEpoch)
            .dimensions(new EncoderDimensions(hidden, dim))
            .schema(DEFAULTS.schema().withNames(names))
            .build();
    long started = System.nanoTime();
    List<Window> windows = TrainingWindows.readRaw(slices, config.schema());
    progress.printf(
        "read %d slices from %s in %.1fs%n",
        windows.size(), slices, (System.nanoTime() - started) / 1e9);
    BundleTraining.run(windows, out, config, progress);
    return 0;
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new TrainCommand()).execute(args));
  }
}
