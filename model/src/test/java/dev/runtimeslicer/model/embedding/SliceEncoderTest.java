package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the small bundle in test resources on ONNX Runtime. It is trained on the training module's
 * test slices, and must be rewritten whenever the bundle format or the encoder graph changes:
 * {@code java -jar tools/target/runtimeslicer.jar train --slices training/src/test/resources/slices
 * --out model/src/test/resources/bundle --epochs 2 --dim 16 --hidden 16 --batch 32
 * --anchors-per-epoch 64 --seed 42}.
 */
class SliceEncoderTest {

  @TempDir Path temp;

  private static Path bundle() {
    try {
      return Path.of(SliceEncoderTest.class.getResource("/bundle").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void embedsRealSlicesAsUnitVectorsWithOneVectorPerService() {
    List<RuntimeSlice> slices = TestSlices.real("online-shop");
    try (SliceEncoder encoder = SliceEncoder.open(bundle())) {
      int dimension = encoder.bundle().dimensions().embedding();
      List<SliceEmbedding> embeddings = encoder.embed(slices);
      assertThat(embeddings).hasSize(slices.size());
      for (int i = 0; i < slices.size(); i++) {
        SliceEmbedding embedding = embeddings.get(i);
        assertThat(embedding.system()).isEqualTo("online-shop");
        assertThat(embedding.windowStartMs()).isEqualTo(slices.get(i).windowStartMs);
        assertThat(embedding.embedding()).hasSize(dimension);
        assertThat(norm(embedding.embedding())).isCloseTo(1.0, within(1e-4));
        assertThat(embedding.services()).hasSize(slices.get(i).services.size());
        for (ServiceEmbedding service : embedding.services()) {
          assertThat(norm(service.embedding())).isCloseTo(1.0, within(1e-4));
        }
      }
      // Different windows are different states.
      assertThat(embeddings.get(0).embedding()).isNotEqualTo(embeddings.get(4).embedding());
    }
  }

  @Test
  void sameSliceGivesTheSameEmbeddingWhateverTheServiceOrderOrBatch() {
    RuntimeSlice slice = TestSlices.real("online-shop").get(1);
    RuntimeSlice shuffled = SliceJson.read(SliceJson.write(slice));
    Collections.shuffle(shuffled.services, new Random(7));
    try (SliceEncoder encoder = SliceEncoder.open(bundle())) {
      float[] alone = encoder.embed(slice).embedding();
      // Batched with a wider slice of another system, so the slice is padded.
      List<SliceEmbedding> batched =
          encoder.embed(List.of(TestSlices.real("social-network").get(0), shuffled));
      float[] inBatch = batched.get(1).embedding();
      for (int k = 0; k < alone.length; k++) {
        assertThat(inBatch[k]).isCloseTo(alone[k], within(1e-5f));
      }
    }
  }

  @Test
  void aBatchLeavesNothingBehindForTheNextInTheReusedBuffers() {
    List<RuntimeSlice> shop = TestSlices.real("online-shop");
    List<RuntimeSlice> first = shop.subList(0, 3);
    List<RuntimeSlice> sameShape = shop.subList(3, 6);
    List<RuntimeSlice> otherShape = List.of(TestSlices.real("social-network").get(0));
    try (SliceEncoder reused = SliceEncoder.open(bundle());
        SliceEncoder fresh = SliceEncoder.open(bundle())) {
      List<SliceEmbedding> before = reused.embed(first);
      reused.embed(sameShape);
      reused.embed(otherShape);
      reused.embed(sameShape);
      List<SliceEmbedding> again = reused.embed(first);
      List<SliceEmbedding> alone = fresh.embed(first);
      for (int i = 0; i < first.size(); i++) {
        assertThat(again.get(i).embedding()).containsExactly(alone.get(i).embedding());
        assertThat(before.get(i).embedding()).containsExactly(alone.get(i).embedding());
        assertThat(again.get(i).services().get(0).embedding())
            .containsExactly(alone.get(i).services().get(0).embedding());
      }
    }
  }

  @Test
  void worksWithMissingModalitiesAndUnseenSystems() {
    RuntimeSlice slice = TestSlices.real("online-shop").get(2);
    for (ServiceSlice service : slice.services) {
      service.logs = new LogFeatures();
      service.traces = new dev.runtimeslicer.model.slice.TraceFeatures();
    }
    try (SliceEncoder encoder = SliceEncoder.open(bundle())) {
      assertThat(norm(encoder.embed(slice).embedding())).isCloseTo(1.0, within(1e-4));
      SliceEmbedding unseen = encoder.embed(TestSlices.real("social-network").get(1));
      assertThat(norm(unseen.embedding())).isCloseTo(1.0, within(1e-4));
      EncodedBatch raw = encoder.encode(encoder.featurizer().featurize(List.of(slice)));
      assertThat(norm(raw.modality(0, Modality.LOGS))).isZero();
      assertThat(norm(raw.modality(0, Modality.METRICS))).isCloseTo(1.0, within(1e-4));
    }
  }

  @Test
  void instancesAreIndependent() {
    RuntimeSlice slice = TestSlices.real("online-shop").get(3);
    try (SliceEncoder first = SliceEncoder.open(bundle());
        SliceEncoder second = SliceEncoder.open(bundle())) {
      float[] a = first.embed(slice).embedding();
      first.close();
      assertThat(second.embed(slice).embedding()).containsExactly(a);
      assertThatThrownBy(() -> first.embed(slice)).hasMessageContaining("closed");
    }
  }

  @Test
  void aBundleWithAnUnreadableGraphFailsClearly() throws IOException {
    FeatureSchema schema = FeatureSchema.defaults();
    ModelBundle.write(
        temp,
        "not onnx".getBytes(),
        schema,
        FeatureNormalization.identity(schema),
        new EncoderDimensions(8, 8),
        java.util.Map.of());
    assertThatThrownBy(() -> SliceEncoder.open(temp))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("cannot load encoder.onnx");
    assertThat(Files.exists(temp.resolve(ModelBundle.MANIFEST))).isTrue();
  }

  private static double norm(float[] vector) {
    double sum = 0;
    for (float v : vector) {
      sum += v * v;
    }
    return Math.sqrt(sum);
  }
}
