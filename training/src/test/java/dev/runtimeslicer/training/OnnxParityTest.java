package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.runtimeslicer.model.embedding.EncodedBatch;
import dev.runtimeslicer.model.embedding.EncoderDimensions;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported ONNX graph on ONNX Runtime computes what the trainer's DJL forward pass computes.
 */
class OnnxParityTest {

  private static final double TOLERANCE = 1e-4;

  @TempDir Path dir;

  @Test
  void randomWeightsOnRandomInput() throws IOException {
    FeatureSchema schema = FeatureSchema.defaults();
    EncoderDimensions dimensions = new EncoderDimensions(32, 24);
    EncoderWeights weights = EncoderWeights.initialize(schema, dimensions, 11);
    ModelBundle.write(
        dir,
        OnnxEncoderExport.export(weights, schema, dimensions),
        schema,
        FeatureNormalization.identity(schema),
        dimensions,
        Map.of());
    FeatureBatch batch = randomBatch(schema, 7, 5, new SplittableRandom(5));
    assertParity(weights, batch);
  }

  @Test
  void trainedWeightsOnRealSlices() throws IOException {
    TrainingSettings config = TestData.quickConfig();
    List<Window> raw = TestData.rawWindows(config.schema());
    BundleTraining.Outcome outcome =
        BundleTraining.run(raw, dir, config, new PrintStream(OutputStream.nullOutputStream()));
    ModelBundle bundle = ModelBundle.load(dir);
    SliceFeaturizer featurizer = bundle.featurizer();
    List<FeatureBatch> parts = new ArrayList<>();
    // Both systems in one batch: 11 and 24 services, so padding and masks are exercised too.
    for (int i = 0; i < raw.size(); i += 9) {
      parts.add(featurizer.normalize(raw.get(i).features()));
    }
    assertParity(outcome.result().weights(), FeatureBatch.stack(parts));
  }

  private void assertParity(EncoderWeights weights, FeatureBatch batch) {
    EncodedBatch onnx;
    try (SliceEncoder encoder = SliceEncoder.open(dir)) {
      onnx = encoder.encode(batch);
    }
    try (NDManager manager = EncoderTrainer.engine(1).newBaseManager()) {
      Map<String, NDArray> parameters = EncoderTrainer.load(manager, weights);
      EncoderForward.Output djl =
          EncoderForward.run(parameters, EncoderForward.inputs(manager, batch));
      assertClose(onnx.system(), djl.system().toFloatArray());
      assertClose(onnx.serviceEmbeddings(), djl.services().toFloatArray());
      for (Modality modality : Modality.values()) {
        float[] expected = djl.modalities().get(modality).toFloatArray();
        for (int i = 0; i < batch.size(); i++) {
          float[] actual = onnx.modality(i, modality);
          for (int k = 0; k < actual.length; k++) {
            assertThat((double) Math.abs(actual[k] - expected[i * actual.length + k]))
                .isLessThanOrEqualTo(TOLERANCE);
          }
        }
      }
    }
  }

  private static void assertClose(float[] actual, float[] expected) {
    assertThat(actual).hasSameSizeAs(expected);
    double worst = 0;
    for (int i = 0; i < actual.length; i++) {
      worst = Math.max(worst, Math.abs(actual[i] - expected[i]));
    }
    assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
  }

  /** Gaussian tokens with random masks, including a slice with one modality and an empty slot. */
  static FeatureBatch randomBatch(
      FeatureSchema schema, int size, int services, SplittableRandom random) {
    SliceFeaturizer identity = new SliceFeaturizer(schema, FeatureNormalization.identity(schema));
    List<dev.runtimeslicer.model.slice.RuntimeSlice> slices = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      dev.runtimeslicer.model.slice.RuntimeSlice slice =
          new dev.runtimeslicer.model.slice.RuntimeSlice();
      slice.system = "random";
      for (int s = 0; s < services; s++) {
        dev.runtimeslicer.model.slice.ServiceSlice service =
            new dev.runtimeslicer.model.slice.ServiceSlice();
        service.service = "svc-" + s;
        slice.services.add(service);
      }
      slices.add(slice);
    }
    FeatureBatch shape = identity.featurize(slices);
    for (Modality modality : Modality.values()) {
      float[] tokens = shape.tokens(modality);
      float[] mask = shape.mask(modality);
      for (int k = 0; k < tokens.length; k++) {
        tokens[k] = (float) (random.nextDouble() * 4 - 2);
      }
      for (int k = 0; k < mask.length; k++) {
        boolean lastSlot = k % services == services - 1;
        boolean onlyMetrics = k / services == 0 && modality != Modality.METRICS;
        mask[k] = lastSlot || onlyMetrics || random.nextDouble() < 0.2 ? 0f : 1f;
      }
    }
    return shape;
  }
}
