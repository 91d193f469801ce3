package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bundles trained before the featurizer was tuned for speed must keep working: on the real test
 * slices, the featurizer's tokens equal those of {@link ReferenceFeaturizer} (the former
 * implementation) within 1e-6 relative, raw and scaled, with the default schema, with a schema of
 * bucket counts that are not powers of two, and with a small bound on services.
 */
class SliceFeaturizerParityTest {

  private static final double RELATIVE = 1e-6;

  private static List<RuntimeSlice> all() {
    List<RuntimeSlice> slices = new ArrayList<>(TestSlices.real("online-shop"));
    slices.addAll(TestSlices.real("social-network"));
    slices.addAll(TestSlices.resource("/incident/online-shop.jsonl.gz"));
    return slices;
  }

  private static FeatureNormalization trained() {
    try {
      return ModelBundle.load(
              Path.of(SliceFeaturizerParityTest.class.getResource("/bundle").toURI()))
          .normalization();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void defaultSchemaWithTheTestBundlesNormalizationMatchesTheReference() {
    FeatureSchema schema = FeatureSchema.defaults();
    assertParity(schema, trained(), all());
  }

  @Test
  void unevenBucketCountsAndFewServicesMatchTheReference() {
    FeatureSchema schema = new FeatureSchema(30, 12, 7, 20, 5, 8, 0.3, 4.0, NameEncoding.HASHED);
    List<RuntimeSlice> slices = all();
    assertParity(schema, RandomNormalization.of(schema, 30), slices);
  }

  @Test
  void identityNormalizationMatchesTheReference() {
    FeatureSchema schema = FeatureSchema.defaults();
    assertParity(schema, FeatureNormalization.identity(schema), all());
  }

  @Test
  void shuffledServicesAndFreshNameInstancesMatchTheReference() {
    // Slices read back from JSON hold new String instances and LinkedHashMaps: the name caches
    // must compare names by value, not by identity.
    FeatureSchema schema = FeatureSchema.defaults();
    List<RuntimeSlice> slices = all();
    SliceFeaturizer featurizer = new SliceFeaturizer(schema, trained());
    featurizer.featurize(slices);
    List<RuntimeSlice> copies = new ArrayList<>();
    for (RuntimeSlice slice : slices) {
      RuntimeSlice copy = SliceJson.read(SliceJson.write(slice));
      java.util.Collections.reverse(copy.services);
      copies.add(copy);
    }
    assertSame(
        featurizer.featurize(copies),
        new ReferenceFeaturizer(schema, trained()).featurize(copies, true));
  }

  private static void assertParity(
      FeatureSchema schema, FeatureNormalization normalization, List<RuntimeSlice> slices) {
    SliceFeaturizer featurizer = new SliceFeaturizer(schema, normalization);
    ReferenceFeaturizer reference = new ReferenceFeaturizer(schema, normalization);
    // Twice over, so the second pass runs on warm name caches; and in batches of several sizes.
    for (int pass = 0; pass < 2; pass++) {
      for (int batch : new int[] {1, 7, 64, slices.size()}) {
        for (int start = 0; start < slices.size(); start += batch) {
          List<RuntimeSlice> part = slices.subList(start, Math.min(slices.size(), start + batch));
          assertSame(featurizer.featurize(part), reference.featurize(part, true));
          assertSame(featurizer.featurizeRaw(part), reference.featurize(part, false));
        }
      }
    }
    assertSame(
        featurizer.normalize(featurizer.featurizeRaw(slices)), reference.featurize(slices, true));
  }

  private static void assertSame(FeatureBatch actual, ReferenceFeaturizer.Result expected) {
    assertThat(actual.size()).isEqualTo(expected.size());
    assertThat(actual.services()).isEqualTo(expected.services());
    for (int i = 0; i < expected.size(); i++) {
      assertThat(actual.serviceNames(i)).isEqualTo(expected.names().get(i));
      assertThat(actual.truncatedServices(i)).isEqualTo(expected.truncated()[i]);
    }
    int nonZero = 0;
    for (Modality modality : Modality.values()) {
      assertThat(actual.mask(modality)).containsExactly(expected.masks()[modality.ordinal()]);
      float[] got = actual.tokens(modality);
      float[] want = expected.tokens()[modality.ordinal()];
      assertThat(got).hasSameSizeAs(want);
      for (int f = 0; f < want.length; f++) {
        double tolerance = RELATIVE * Math.max(Math.abs(got[f]), Math.abs(want[f]));
        if (!(Math.abs(got[f] - want[f]) <= tolerance)) {
          throw new AssertionError(
              modality + " token value " + f + ": " + got[f] + ", reference " + want[f]);
        }
        nonZero += want[f] != 0 ? 1 : 0;
      }
    }
    // Guards against comparing two empty batches.
    assertThat(nonZero).isPositive();
  }
}
