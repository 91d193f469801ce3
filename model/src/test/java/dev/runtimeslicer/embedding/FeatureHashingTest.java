package dev.runtimeslicer.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeatureHashingTest {

  @Test
  void hashIsStableAcrossRuns() {
    // A bundle trained today must hash names the same way in any later JVM.
    assertThat(FeatureHashing.hash("container.cpu.utilization")).isEqualTo(FeatureHashing.hash("container.cpu.utilization"));
    assertThat(FeatureHashing.hash("a")).isNotEqualTo(FeatureHashing.hash("b"));
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
