package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureHashingTest {

  @Test
  void hashIsStableAcrossRuns() {
    // A bundle trained today must hash names the same way in any later JVM.
    assertThat(FeatureHashing.hash("container.cpu.utilization"))
        .isEqualTo(FeatureHashing.hash("container.cpu.utilization"));
    assertThat(FeatureHashing.hash("a")).isNotEqualTo(FeatureHashing.hash("b"));
  }

  @Test
  void hashesAndBucketsAreThoseTrainedBundlesWereBuiltWith() {
    // Golden values of the implementation that the bundles of format 2 were trained with.
    assertThat(FeatureHashing.hash("container.cpu.utilization")).isEqualTo(2604353968195520416L);
    assertThat(FeatureHashing.hash("GET /cart")).isEqualTo(-5403032189046017751L);
    assertThat(FeatureHashing.hash("")).isEqualTo(-780787492076525413L);
    assertThat(FeatureHashing.hash("service:frontend")).isEqualTo(-6574872172583271056L);
    long negative = FeatureHashing.hash("connection refused to <*>");
    assertThat(negative).isEqualTo(-4077640879933031756L);
    // Buckets are the unsigned remainder, for powers of two and other counts alike.
    for (int buckets : new int[] {1, 2, 7, 16, 30, 32, 1 << 20}) {
      assertThat(FeatureHashing.bucket(negative, buckets))
          .isEqualTo((int) Long.remainderUnsigned(negative, buckets));
      assertThat(FeatureHashing.bucket(2604353968195520416L, buckets))
          .isEqualTo((int) Long.remainderUnsigned(2604353968195520416L, buckets));
    }
    assertThat(FeatureHashing.sign(negative)).isEqualTo(-1f);
  }

  @Test
  void bucketsAndSignsAreSpreadEvenly() {
    int buckets = 16;
    int[] counts = new int[buckets];
    int positive = 0;
    int names = 16_000;
    for (int i = 0; i < names; i++) {
      long hash = FeatureHashing.hash("metric.name." + i);
      int bucket = FeatureHashing.bucket(hash, buckets);
      assertThat(bucket).isBetween(0, buckets - 1);
      counts[bucket]++;
      positive += FeatureHashing.sign(hash) > 0 ? 1 : 0;
    }
    for (int count : counts) {
      assertThat(count).isBetween(names / buckets * 8 / 10, names / buckets * 12 / 10);
    }
    assertThat(positive).isBetween(names * 45 / 100, names * 55 / 100);
  }
}
