package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceFeaturizerTest {

  private final FeatureSchema schema = FeatureSchema.defaults();
  private final SliceFeaturizer raw =
      new SliceFeaturizer(schema, FeatureNormalization.identity(schema));

  @Test
  void masksMarkAbsentModalitiesAndEmptySlots() {
    ServiceSlice quiet = TestSlices.service("b-quiet", 10, 0);
    quiet.logs = new LogFeatures();
    quiet.traces = new TraceFeatures();
    RuntimeSlice small = TestSlices.slice("shop", TestSlices.service("a-front", 10, 1), quiet);
    RuntimeSlice large =
        TestSlices.slice(
            "shop",
            TestSlices.service("a", 1, 0),
            TestSlices.service("b", 1, 0),
            TestSlices.service("c", 1, 0));

    FeatureBatch batch = raw.featurizeRaw(List.of(small, large));

    assertThat(batch.services()).isEqualTo(3);
    assertThat(batch.serviceNames(0)).containsExactly("a-front", "b-quiet");
    float[] logs = batch.mask(Modality.LOGS);
    float[] metrics = batch.mask(Modality.METRICS);
    assertThat(new float[] {logs[0], logs[1], logs[2]}).containsExactly(1f, 0f, 0f);
    assertThat(new float[] {metrics[0], metrics[1], metrics[2]}).containsExactly(1f, 1f, 0f);
    assertThat(batch.mask(Modality.TRACES)[1]).isZero();
    assertThat(batch.hasModality(0, Modality.LOGS)).isTrue();
    // The empty third slot of the first slice carries no data at all.
    int width = batch.width(Modality.METRICS);
    for (int f = 0; f < width; f++) {
      assertThat(batch.tokens(Modality.METRICS)[2 * width + f]).isZero();
    }
  }

  @Test
  void summaryFeaturesAreNameIndependent() {
    ServiceSlice service = TestSlices.service("cart", 120, 30);
    FeatureBatch batch = raw.featurizeRaw(List.of(TestSlices.slice("shop", service)));
    float[] traces = batch.tokens(Modality.TRACES);
    assertThat(traces[0]).isCloseTo((float) Math.log1p(120 / 60.0), within(1e-6f));
    assertThat(traces[2]).isCloseTo(0.25f, within(1e-6f));
    assertThat(traces[5]).isCloseTo((float) Math.log1p(80), within(1e-6f));
    float[] logs = batch.tokens(Modality.LOGS);
    assertThat(logs[1]).isCloseTo(0.2f, within(1e-6f));

    // Renaming every series, operation, callee and template leaves the summaries unchanged.
    ServiceSlice renamed = TestSlices.service("cart", 120, 30);
    renamed.metrics =
        new java.util.TreeMap<>(
            java.util.Map.of("cpu_seconds_total", service.metrics.values().iterator().next()));
    renamed.traces.operations =
        new java.util.TreeMap<>(
            java.util.Map.of("/checkout", service.traces.operations.get("GET /cart")));
    FeatureBatch other = raw.featurizeRaw(List.of(TestSlices.slice("other-system", renamed)));
    for (int f = 0; f < TraceTokenizer.SUMMARY_FEATURES; f++) {
      assertThat(other.tokens(Modality.TRACES)[f]).isEqualTo(traces[f]);
    }
    for (int f = 0; f < MetricTokenizer.SUMMARY_FEATURES; f++) {
      assertThat(other.tokens(Modality.METRICS)[f]).isEqualTo(batch.tokens(Modality.METRICS)[f]);
    }
    assertThat(other.tokens(Modality.TRACES)).isNotEqualTo(traces);
  }

  @Test
  void serviceOrderDoesNotMatter() {
    RuntimeSlice slice = TestSlices.real("online-shop").get(0);
    RuntimeSlice shuffled = TestSlices.real("online-shop").get(0);
    Collections.shuffle(shuffled.services, new Random(3));
    FeatureBatch a = raw.featurizeRaw(List.of(slice));
    FeatureBatch b = raw.featurizeRaw(List.of(shuffled));
    for (Modality modality : Modality.values()) {
      assertThat(b.tokens(modality)).containsExactly(a.tokens(modality));
    }
    assertThat(b.serviceNames(0)).isEqualTo(a.serviceNames(0));
  }

  @Test
  void tokensOfServicesWithTheSameTelemetryDifferOnlyInTheirServiceCode() {
    FeatureBatch batch =
        raw.featurizeRaw(
            List.of(
                TestSlices.slice(
                    "shop",
                    TestSlices.service("cart", 10, 1),
                    TestSlices.service("checkout", 10, 1))));
    FeatureBatch elsewhere =
        raw.featurizeRaw(List.of(TestSlices.slice("other", TestSlices.service("cart", 99, 0))));
    for (Modality modality : Modality.values()) {
      int width = batch.width(modality);
      int code = schema.observedWidth(modality);
      float[] tokens = batch.tokens(modality);
      for (int f = 0; f < code; f++) {
        assertThat(tokens[width + f]).isEqualTo(tokens[f]);
      }
      int differing = 0;
      for (int f = code; f < width; f++) {
        assertThat(Math.abs(tokens[f])).isEqualTo(1f);
        differing += tokens[f] != tokens[width + f] ? 1 : 0;
        // A service's code is the same in any window of any system.
        assertThat(elsewhere.tokens(modality)[f]).isEqualTo(tokens[f]);
      }
      assertThat(differing).isPositive();
    }
  }

  @Test
  void servicesBeyondTheBoundAreCountedNotEncoded() {
    FeatureSchema two = new FeatureSchema(8, 4, 4, 8, 4, 2, 0.5, 6.0, NameEncoding.HASHED);
    SliceFeaturizer featurizer = new SliceFeaturizer(two, FeatureNormalization.identity(two));
    RuntimeSlice slice =
        TestSlices.slice(
            "shop",
            TestSlices.service("c", 1, 0),
            TestSlices.service("a", 1, 0),
            TestSlices.service("b", 1, 0));
    FeatureBatch batch = featurizer.featurize(List.of(slice));
    assertThat(batch.services()).isEqualTo(2);
    assertThat(batch.serviceNames(0)).containsExactly("a", "b");
    assertThat(batch.truncatedServices(0)).isEqualTo(1);
  }

  @Test
  void unseenSystemsAndNamesNeedNoVocabulary() {
    List<RuntimeSlice> unseen = TestSlices.real("social-network");
    FeatureBatch batch = raw.featurize(unseen);
    assertThat(batch.size()).isEqualTo(unseen.size());
    assertThat(batch.services()).isEqualTo(unseen.get(0).services.size());
    for (Modality modality : Modality.values()) {
      for (float value : batch.tokens(modality)) {
        assertThat(Float.isFinite(value)).isTrue();
      }
    }
  }

  @Test
  void scaledFeaturesEqualNormalizedRawFeaturesAndAreClipped() {
    List<RuntimeSlice> slices = TestSlices.real("online-shop");
    SliceFeaturizer scaled = new SliceFeaturizer(schema, RandomNormalization.of(schema, 4));

    FeatureBatch direct = scaled.featurize(slices);
    FeatureBatch viaRaw = scaled.normalize(raw.featurizeRaw(slices));

    for (Modality modality : Modality.values()) {
      assertThat(viaRaw.tokens(modality)).containsExactly(direct.tokens(modality));
      for (float value : direct.tokens(modality)) {
        assertThat(Math.abs(value)).isLessThanOrEqualTo((float) schema.clip());
      }
    }
  }

  @Test
  void metricValuesOfAnyMagnitudeStayBounded() {
    ServiceSlice service = TestSlices.service("db", 1, 0);
    MetricFeatures huge = new MetricFeatures();
    huge.last = huge.mean = huge.min = 1e300;
    huge.max = Double.POSITIVE_INFINITY;
    huge.count = 1;
    service.metrics.put("bytes", huge);
    FeatureBatch batch = raw.featurizeRaw(List.of(TestSlices.slice("x", service)));
    for (float value : batch.tokens(Modality.METRICS)) {
      assertThat(Float.isFinite(value)).isTrue();
      assertThat(Math.abs(value)).isLessThan(1000f);
    }
  }

  @Test
  void stackPadsSmallerBatches() {
    FeatureBatch one = raw.featurize(List.of(TestSlices.slice("s", TestSlices.service("a", 1, 0))));
    FeatureBatch three =
        raw.featurize(
            List.of(
                TestSlices.slice(
                    "s",
                    TestSlices.service("a", 1, 0),
                    TestSlices.service("b", 1, 0),
                    TestSlices.service("c", 1, 0))));
    FeatureBatch stacked = FeatureBatch.stack(new ArrayList<>(List.of(one, three)));
    assertThat(stacked.size()).isEqualTo(2);
    assertThat(stacked.services()).isEqualTo(3);
    assertThat(stacked.mask(Modality.METRICS)).containsExactly(1f, 0f, 0f, 1f, 1f, 1f);
    int width = stacked.width(Modality.TRACES);
    for (int f = 0; f < width; f++) {
      assertThat(stacked.tokens(Modality.TRACES)[3 * width + f])
          .isEqualTo(three.tokens(Modality.TRACES)[f]);
    }
  }
}
