package dev.runtimeslicer.training;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.runtimeslicer.model.embedding.DjlOffline;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.Modality;
import java.io.PrintStream;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Trains the slice encoder with the unified runtime contrastive loss on DJL's PyTorch engine (CPU,
 * offline): Adam, one progress line per epoch, early stopping on the validation loss, and the same
 * result for the same seed and data.
 */
public final class EncoderTrainer {

  private static final String ENGINE = "PyTorch";

  /** A fixed seed for validation views, so validation losses of different epochs are comparable. */
  private static final long VALIDATION_SEED = 0x5eedL;

  /** Smallest validation improvement that resets the patience counter. */
  private static final double MIN_IMPROVEMENT = 1e-4;

  /** Largest joint L2 norm of all gradients of one step. */
  static final double MAX_GRADIENT_NORM = 1.0;

  private final TrainingSettings config;
  private final PrintStream progress;

  public EncoderTrainer(TrainingSettings config, PrintStream progress) {
    this.config = config;
    this.progress = progress;
  }

  /** Initializes the engine for offline, reproducible use; idempotent. */
  public static Engine engine(long seed) {
    // Offline and single-threaded (the batches are small: one thread is nearly as fast as two and
    // always sums in the same order).
    DjlOffline.apply();
    Engine engine = Engine.getEngine(ENGINE);
    engine.setRandomSeed((int) seed);
    return engine;
  }

  /**
   * Trains on {@code train}, stopping early on the loss over {@code validation}; both scaled
   * tokens.
   */
  public TrainingResult train(List<Window> train, List<Window> validation) {
    long started = System.nanoTime();
    Engine engine = engine(config.seed());
    EncoderWeights initial =
        EncoderWeights.initialize(config.schema(), config.dimensions(), config.seed());
    BatchSampler trainSampler = new BatchSampler(BatchSampler.grouped(train));
    BatchSampler validationSampler = new BatchSampler(BatchSampler.grouped(validation));
    SplittableRandom random = new SplittableRandom(config.seed());
    List<EpochStats> history = new ArrayList<>();
    EncoderWeights best = initial;
    double bestLoss = Double.POSITIVE_INFINITY;
    int bestEpoch = 0;
    try (NDManager manager = engine.newBaseManager()) {
      Map<String, NDArray> parameters = load(manager, initial);
      Optimizer optimizer =
          Optimizer.adam()
              .optLearningRateTracker(Tracker.fixed((float) config.learningRate()))
              .build();
      if (!validation.isEmpty()) {
        bestLoss = validate(manager, parameters, validationSampler);
      }
      int sinceBest = 0;
      for (int epoch = 1; epoch <= config.epochs(); epoch++) {
        long epochStart = System.nanoTime();
        double[] sums = new double[4];
        int skipped = 0;
        List<int[]> batches =
            trainSampler.epoch(config.batchSize(), config.anchorsPerEpoch(), random);
        for (int[] batch : batches) {
          long stepSeed = random.nextLong();
          // Inputs, masks and targets made from Java arrays point into Java buffers that only this
          // manager keeps alive, so it closes after backward and update, never earlier (see
          // GraphScalar).
          try (NDManager step = manager.newSubManager()) {
            RuntimeContrastiveLoss.Terms terms =
                backward(engine, step, parameters, trainSampler, batch, stepSeed);
            if (terms == null) {
              // A degenerate batch must not turn every weight into NaN: drop it. NaN times zero
              // stays NaN, so the poisoned gradient buffers cannot be zeroed; the weights (still
              // finite, no step was taken) move to fresh arrays instead.
              skipped++;
              parameters = load(manager, snapshot(parameters));
              continue;
            }
            update(optimizer, parameters);
            accumulate(sums, terms);
          }
        }
        double validationLoss =
            validation.isEmpty()
                ? sums[0] / Math.max(1, batches.size() - skipped)
                : validate(manager, parameters, validationSampler);
        int used = Math.max(1, batches.size() - skipped);
        EpochStats stats =
            new EpochStats(
                epoch,
                sums[0] / used,
                validationLoss,
                sums[1] / used,
                sums[2] / used,
                sums[3] / used,
                (System.nanoTime() - epochStart) / 1e9,
                skipped);
        history.add(stats);
        boolean improved = validationLoss < bestLoss - MIN_IMPROVEMENT;
        if (improved) {
          bestLoss = validationLoss;
          bestEpoch = epoch;
          best = snapshot(parameters);
          sinceBest = 0;
        } else {
          sinceBest++;
        }
        progress.printf(
            "epoch %3d/%d  train %.4f  (cross-modal %.4f, temporal %.4f, service %.4f)  validation"
                + " %.4f%s  %.1fs%s%n",
            epoch,
            config.epochs(),
            stats.trainLoss(),
            stats.crossModal(),
            stats.temporal(),
            stats.service(),
            validationLoss,
            improved ? " *" : "",
            stats.seconds(),
            skipped > 0 ? "  (" + skipped + " non-finite steps skipped)" : "");
        if (!Double.isFinite(validationLoss)) {
          progress.printf("diverged (non-finite validation loss); keeping epoch %d%n", bestEpoch);
          break;
        }
        if (sinceBest >= config.patience()) {
          progress.printf(
              "early stop: no validation improvement for %d epochs; keeping epoch %d%n",
              config.patience(), bestEpoch);
          break;
        }
      }
    }
    return new TrainingResult(
        best, bestEpoch, bestLoss, List.copyOf(history), (System.nanoTime() - started) / 1e9);
  }

  /**
   * Computes the loss of one batch and its gradients into the parameters; null when the loss or a
   * gradient is not finite (the gradients are then unusable).
   */
  private RuntimeContrastiveLoss.Terms backward(
      Engine engine,
      NDManager step,
      Map<String, NDArray> parameters,
      BatchSampler sampler,
      int[] batch,
      long stepSeed) {
    RuntimeContrastiveLoss.Terms terms;
    try (GradientCollector collector = engine.newGradientCollector()) {
      terms = loss(step, parameters, sampler.windows(), batch, new SplittableRandom(stepSeed));
      collector.backward(terms.total());
    }
    return Float.isFinite(terms.total().getFloat()) && finiteGradients(parameters) ? terms : null;
  }

  /**
   * The loss of the batch {@code indices} of {@code windows} over two modality-dropout views, as a
   * graph.
   */
  RuntimeContrastiveLoss.Terms loss(
      NDManager step,
      Map<String, NDArray> parameters,
      List<Window> windows,
      int[] indices,
      SplittableRandom random) {
    List<Window> batchWindows = new ArrayList<>(indices.length);
    List<FeatureBatch> parts = new ArrayList<>(indices.length);
    for (int index : indices) {
      batchWindows.add(windows.get(index));
      parts.add(windows.get(index).features());
    }
    FeatureBatch batch = FeatureBatch.stack(parts);
    RuntimeContrastiveLoss.View first = view(step, parameters, batch, random);
    RuntimeContrastiveLoss.View second = view(step, parameters, batch, random);
    RuntimeContrastiveLoss.Terms terms =
        RuntimeContrastiveLoss.compute(
            step, batchWindows, batch.services(), first, second, config, random);
    // Every weight joins the graph with weight zero, so each has a defined (possibly zero) gradient
    // even when a term is switched off (ablations) or has no pairs in this batch; PyTorch leaves
    // unused weights without a gradient tensor, which the optimizer must never see.
    NDArray total = terms.total();
    NDArray zero = GraphScalar.of(step, 0f);
    for (NDArray weight : parameters.values()) {
      // The sum lands in the weight's (long-lived) manager; moving it to the step's frees it with
      // the step.
      NDArray sum = weight.sum();
      sum.attach(step);
      total = total.add(sum.mul(zero));
    }
    return new RuntimeContrastiveLoss.Terms(
        total, terms.crossModal(), terms.temporal(), terms.service());
  }

  private RuntimeContrastiveLoss.View view(
      NDManager step,
      Map<String, NDArray> parameters,
      FeatureBatch batch,
      SplittableRandom random) {
    Map<Modality, float[]> masks = ModalityDropout.view(batch, config.modalityDropout(), random);
    Map<Modality, NDArray[]> inputs = EncoderForward.inputs(step, batch);
    Map<Modality, NDArray[]> thinned = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      NDArray mask =
          step.create(
              FloatBuffer.wrap(masks.get(modality)), new Shape(batch.size(), batch.services()));
      thinned.put(modality, new NDArray[] {inputs.get(modality)[0], mask});
    }
    return new RuntimeContrastiveLoss.View(EncoderForward.run(parameters, thinned), masks);
  }

  private double validate(
      NDManager manager, Map<String, NDArray> parameters, BatchSampler sampler) {
    SplittableRandom random = new SplittableRandom(VALIDATION_SEED);
    List<int[]> batches = sampler.epoch(config.batchSize(), Integer.MAX_VALUE, random);
    double sum = 0;
    for (int[] batch : batches) {
      try (NDManager step = manager.newSubManager()) {
        sum += loss(step, parameters, sampler.windows(), batch, random).total().getFloat();
      }
    }
    return batches.isEmpty() ? Double.NaN : sum / batches.size();
  }

  private static void update(Optimizer optimizer, Map<String, NDArray> parameters) {
    clipGradientNorm(parameters);
    for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
      NDArray weight = entry.getValue();
      try (NDArray gradient = weight.getGradient()) {
        optimizer.update(entry.getKey(), weight, gradient);
      }
    }
    zeroGradients(parameters);
  }

  /**
   * Scales all gradients together so that their joint L2 norm is at most {@link
   * #MAX_GRADIENT_NORM}: one batch with a huge gradient otherwise fills Adam's second moments and
   * freezes or throws the weights it touched (runs on all windows saw the cross-modal loss jump and
   * never recover).
   */
  private static void clipGradientNorm(Map<String, NDArray> parameters) {
    double squares = 0;
    for (NDArray weight : parameters.values()) {
      try (NDArray gradient = weight.getGradient();
          NDArray sum = gradient.square().sum()) {
        squares += sum.getFloat();
      }
    }
    double norm = Math.sqrt(squares);
    if (norm > MAX_GRADIENT_NORM) {
      float scale = (float) (MAX_GRADIENT_NORM / norm);
      for (NDArray weight : parameters.values()) {
        try (NDArray gradient = weight.getGradient()) {
          gradient.muli(scale);
        }
      }
    }
  }

  private static boolean finiteGradients(Map<String, NDArray> parameters) {
    for (NDArray weight : parameters.values()) {
      try (NDArray gradient = weight.getGradient();
          NDArray sum = gradient.abs().sum()) {
        if (!Float.isFinite(sum.getFloat())) {
          return false;
        }
      }
    }
    return true;
  }

  /** PyTorch accumulates gradients across backward passes, so each step starts from zero. */
  private static void zeroGradients(Map<String, NDArray> parameters) {
    for (NDArray weight : parameters.values()) {
      try (NDArray gradient = weight.getGradient()) {
        gradient.muli(0f);
      }
    }
  }

  private static void accumulate(double[] sums, RuntimeContrastiveLoss.Terms terms) {
    sums[0] += terms.total().getFloat();
    sums[1] += terms.crossModal();
    sums[2] += terms.temporal();
    sums[3] += terms.service();
  }

  /** Weights as trainable engine arrays. */
  static Map<String, NDArray> load(NDManager manager, EncoderWeights weights) {
    Map<String, NDArray> parameters = new LinkedHashMap<>();
    for (Map.Entry<String, Tensor> entry : weights.all().entrySet()) {
      NDArray array =
          manager.create(
              FloatBuffer.wrap(entry.getValue().values()), new Shape(entry.getValue().shape()));
      array.setRequiresGradient(true);
      array.setName(entry.getKey());
      parameters.put(entry.getKey(), array);
    }
    return parameters;
  }

  static EncoderWeights snapshot(Map<String, NDArray> parameters) {
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Map.Entry<String, NDArray> entry : parameters.entrySet()) {
      tensors.put(
          entry.getKey(),
          new Tensor(entry.getValue().getShape().getShape(), entry.getValue().toFloatArray()));
    }
    return new EncoderWeights(tensors);
  }
}
