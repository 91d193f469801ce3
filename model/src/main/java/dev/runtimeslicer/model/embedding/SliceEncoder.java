package dev.runtimeslicer.model.embedding;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Embeds runtime slices with a bundle's encoder on ONNX Runtime (through DJL), single-threaded so
 * that parallelism comes from running several instances, one per task. Not thread-safe: each
 * instance owns one predictor; close it to free native memory.
 */
public final class SliceEncoder implements AutoCloseable {

  private static final String ENGINE = "OnnxRuntime";
  private static final String MODEL_NAME = "encoder";

  /** One thread per session: a Flink task slot is one core, and several slots share the machine. */
  private static final String ONE_THREAD = "1";

  private final ModelBundle bundle;
  private final SliceFeaturizer featurizer;
  private final Model model;
  private final Predictor<FeatureBatch, EncodedBatch> predictor;

  /** Reused by {@link #embed(List)}, whose batch lives only for the call. */
  private final TokenBuffers buffers = new TokenBuffers();

  private boolean closed;

  private SliceEncoder(ModelBundle bundle) {
    DjlOffline.apply();
    this.bundle = bundle;
    this.featurizer = bundle.featurizer();
    Model loaded = Model.newInstance(MODEL_NAME, ENGINE);
    try {
      loaded.load(
          bundle.directory(),
          MODEL_NAME,
          Map.of("intraOpNumThreads", ONE_THREAD, "interOpNumThreads", ONE_THREAD));
    } catch (IOException | MalformedModelException | RuntimeException e) {
      loaded.close();
      throw new InvalidBundleException(
          "model bundle "
              + bundle.directory()
              + ": ONNX Runtime cannot load "
              + ModelBundle.ENCODER
              + " ("
              + e.getMessage()
              + "); retrain the bundle",
          e);
    }
    this.model = loaded;
    this.predictor = loaded.newPredictor(new EncoderTranslator());
  }

  /** Loads and validates the bundle in {@code directory} and opens its encoder. */
  public static SliceEncoder open(Path directory) {
    return new SliceEncoder(ModelBundle.load(directory));
  }

  /** Opens the encoder of an already loaded bundle. */
  public static SliceEncoder open(ModelBundle bundle) {
    return new SliceEncoder(bundle);
  }

  public ModelBundle bundle() {
    return bundle;
  }

  public SliceFeaturizer featurizer() {
    return featurizer;
  }

  /** Runs the encoder on featurized input. */
  public EncodedBatch encode(FeatureBatch batch) {
    if (closed) {
      throw new IllegalStateException("slice encoder of " + bundle.directory() + " is closed");
    }
    try {
      return predictor.predict(batch);
    } catch (TranslateException e) {
      throw new IllegalStateException(
          "slice encoder failed on a batch of " + batch.size() + " slices", e);
    }
  }

  /** Embeds one slice. */
  public SliceEmbedding embed(RuntimeSlice slice) {
    return embed(List.of(slice)).get(0);
  }

  /** Embeds slices in one encoder call. */
  public List<SliceEmbedding> embed(List<RuntimeSlice> slices) {
    if (slices.isEmpty()) {
      return List.of();
    }
    FeatureBatch batch = featurizer.featurize(slices, buffers);
    EncodedBatch encoded = encode(batch);
    List<SliceEmbedding> embeddings = new ArrayList<>(slices.size());
    for (int i = 0; i < slices.size(); i++) {
      RuntimeSlice slice = slices.get(i);
      List<String> names = batch.serviceNames(i);
      List<ServiceEmbedding> services = new ArrayList<>(names.size());
      for (int slot = 0; slot < names.size(); slot++) {
        services.add(new ServiceEmbedding(names.get(slot), encoded.service(i, slot)));
      }
      embeddings.add(
          new SliceEmbedding(
              slice.system,
              slice.windowStartMs,
              slice.windowEndMs,
              encoded.system(i),
              List.copyOf(services),
              batch.truncatedServices(i)));
    }
    return embeddings;
  }

  /** Frees the predictor and the ONNX Runtime session; closing twice is harmless. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    predictor.close();
    model.close();
    featurizer.close();
  }
}
