package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * With {@link NameEncoding#EMBEDDED}, the same resource under another system's naming lands near
 * the original in the token, an unrelated resource does not, and the tokens are the same from any
 * featurizer (training and the streaming job agree).
 */
class EmbeddedNamesFeaturizationTest {

  private static final FeatureSchema EMBEDDED =
      FeatureSchema.defaults().withNames(NameEncoding.EMBEDDED);
  private static final FeatureSchema HASHED = FeatureSchema.defaults();

  private static SliceFeaturizer embedded;
  private static SliceFeaturizer hashed;

  @BeforeAll
  static void open() {
    embedded = new SliceFeaturizer(EMBEDDED, FeatureNormalization.identity(EMBEDDED));
    hashed = new SliceFeaturizer(HASHED, FeatureNormalization.identity(HASHED));
  }

  @AfterAll
  static void close() {
    embedded.close();
    hashed.close();
  }

  /** A service whose only series is {@code series}, at a fixed level and spread. */
  private static RuntimeSlice withSeries(String service, String series) {
    ServiceSlice slice = TestSlices.service(service, 100, 0);
    MetricFeatures values = new MetricFeatures();
    values.mean = 0.7;
    values.last = 0.8;
    values.min = 0.2;
    values.max = 1.4;
    values.count = 12;
    slice.metrics = new TreeMap<>(Map.of(series, values));
    return TestSlices.slice("system-of-" + service, slice);
  }

  /** The named part of the metric token: the level block, after the summaries. */
  private static float[] metricLevels(SliceFeaturizer featurizer, FeatureSchema schema, String s) {
    float[] token =
        featurizer.featurizeRaw(List.of(withSeries("cart", s))).tokens(Modality.METRICS);
    int from = MetricTokenizer.SUMMARY_FEATURES;
    return Arrays.copyOfRange(token, from, from + schema.metricBuckets());
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += a[i] * b[i];
      na += a[i] * a[i];
      nb += b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }

  @Test
  void theSameResourceUnderAnotherNamingLandsNearbyAndAnUnrelatedOneDoesNot() {
    float[] prometheus = metricLevels(embedded, EMBEDDED, "container_memory_working_set_bytes");
    float[] otel = metricLevels(embedded, EMBEDDED, "k8s.pod.memory.working_set");
    float[] unrelated = metricLevels(embedded, EMBEDDED, "http.server.active_requests");

    assertThat(cosine(prometheus, otel)).isGreaterThan(cosine(prometheus, unrelated) + 0.2);
  }

  @Test
  void aNamedValueKeepsItsSizeAlongItsDirection() {
    float[] levels = metricLevels(embedded, EMBEDDED, "process.cpu.time");
    double length = 0;
    for (float value : levels) {
      length += value * value;
    }
    assertThat(Math.sqrt(length)).isCloseTo(ScaledValues.signedLog1p(0.7), within(1e-4));
  }

  @Test
  void everyFeaturizerGivesTheSameTokens() {
    List<RuntimeSlice> slices =
        List.of(withSeries("checkout", "queue.depth"), withSeries("payment", "db.pool.wait"));
    FeatureBatch first = embedded.featurizeRaw(slices);
    try (SliceFeaturizer fresh =
        new SliceFeaturizer(EMBEDDED, FeatureNormalization.identity(EMBEDDED))) {
      FeatureBatch second = fresh.featurizeRaw(slices);
      for (Modality modality : Modality.values()) {
        assertThat(second.tokens(modality)).isEqualTo(first.tokens(modality));
      }
    }
  }

  @Test
  void servicesWithTheSameRoleGetSimilarCodesOfTheHashedCodesSize() {
    int width = EMBEDDED.width(Modality.METRICS);
    int at = EMBEDDED.observedWidth(Modality.METRICS);
    float[] cart =
        Arrays.copyOfRange(
            embedded.featurizeRaw(List.of(withSeries("cartservice", "x"))).tokens(Modality.METRICS),
            at,
            width);
    float[] carts =
        Arrays.copyOfRange(
            embedded.featurizeRaw(List.of(withSeries("cart-api", "x"))).tokens(Modality.METRICS),
            at,
            width);
    float[] mail =
        Arrays.copyOfRange(
            embedded
                .featurizeRaw(List.of(withSeries("email-sender", "x")))
                .tokens(Modality.METRICS),
            at,
            width);
    double length = 0;
    for (float value : cart) {
      length += value * value;
    }
    assertThat(Math.sqrt(length)).isCloseTo(Math.sqrt(ServiceIdentity.FEATURES), within(1e-4));
    assertThat(cosine(cart, carts)).isGreaterThan(cosine(cart, mail));
  }
}
