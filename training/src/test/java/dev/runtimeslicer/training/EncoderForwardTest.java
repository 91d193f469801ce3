package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.runtimeslicer.model.embedding.EncoderDimensions;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EncoderForwardTest {

  private final FeatureSchema schema = FeatureSchema.defaults();
  private final EncoderWeights weights =
      EncoderWeights.initialize(schema, new EncoderDimensions(32, 16), 3);
  private final SliceFeaturizer featurizer =
      new SliceFeaturizer(schema, FeatureNormalization.identity(schema));

  @Test
  void systemEmbeddingIgnoresServiceOrderAndPadding() throws IOException {
    RuntimeSlice slice = SliceFiles.readAll(List.of(TestData.slices())).get(0);
    FeatureBatch alone = featurizer.featurize(List.of(slice));
    // The same slice in slot order reversed, padded to a wider batch by a slice with more services.
    RuntimeSlice reversed =
        dev.runtimeslicer.model.format.SliceJson.read(
            dev.runtimeslicer.model.format.SliceJson.write(slice));
    java.util.Collections.reverse(reversed.services);
    RuntimeSlice wide =
        SliceFiles.readAll(List.of(TestData.slices())).stream()
            .filter(s -> s.services.size() > slice.services.size())
            .findFirst()
            .orElseThrow();
    FeatureBatch padded = featurizer.featurize(List.of(reversed, wide));
    float[] a = system(alone)[0];
    float[] b = system(padded)[0];
    for (int k = 0; k < a.length; k++) {
      assertThat(b[k]).isCloseTo(a[k], within(1e-5f));
    }
  }

  @Test
  void missingModalitiesGiveZeroModalityEmbeddingsAndAUnitSystemEmbedding() {
    ServiceSlice metricsOnly = new ServiceSlice();
    metricsOnly.service = "db";
    dev.runtimeslicer.model.slice.MetricFeatures m =
        new dev.runtimeslicer.model.slice.MetricFeatures();
    m.mean = m.last = m.min = m.max = 3;
    m.count = 6;
    metricsOnly.metrics.put("memory", m);
    metricsOnly.traces = new TraceFeatures();
    metricsOnly.logs = new LogFeatures();
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "x";
    slice.services.add(metricsOnly);
    FeatureBatch batch = featurizer.featurize(List.of(slice));
    try (NDManager manager = EncoderTrainer.engine(1).newBaseManager()) {
      Map<String, NDArray> parameters = EncoderTrainer.load(manager, weights);
      EncoderForward.Output out =
          EncoderForward.run(parameters, EncoderForward.inputs(manager, batch));
      assertThat(out.modalities().get(Modality.TRACES).abs().sum().getFloat()).isZero();
      assertThat(out.modalities().get(Modality.LOGS).abs().sum().getFloat()).isZero();
      assertThat(out.modalities().get(Modality.METRICS).square().sum().getFloat())
          .isCloseTo(1f, within(1e-5f));
      assertThat(out.system().square().sum().getFloat()).isCloseTo(1f, within(1e-5f));
      assertThat(out.services().square().sum().getFloat()).isCloseTo(1f, within(1e-5f));
    }
  }

  private float[][] system(FeatureBatch batch) {
    try (NDManager manager = EncoderTrainer.engine(1).newBaseManager()) {
      Map<String, NDArray> parameters = EncoderTrainer.load(manager, weights);
      float[] flat =
          EncoderForward.run(parameters, EncoderForward.inputs(manager, batch))
              .system()
              .toFloatArray();
      int d = flat.length / batch.size();
      float[][] rows = new float[batch.size()][d];
      for (int i = 0; i < batch.size(); i++) {
        System.arraycopy(flat, i * d, rows[i], 0, d);
      }
      return rows;
    }
  }
}
