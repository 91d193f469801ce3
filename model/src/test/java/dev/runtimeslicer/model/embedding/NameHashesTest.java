package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NameHashesTest {

  @Test
  void namesSharingASlotEachKeepTheirOwnHash() {
    // "Aa" and "BB" have the same String.hashCode, so they take the same slot in turn.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    NameHashes hashes = new NameHashes(4, "");
    for (int round = 0; round < 3; round++) {
      assertThat(hashes.hash("Aa")).isEqualTo(FeatureHashing.hash("Aa"));
      assertThat(hashes.hash("BB")).isEqualTo(FeatureHashing.hash("BB"));
    }
  }

  @Test
  void equalNamesInOtherInstancesHitAndThePrefixIsHashedWithTheName() {
    NameHashes hashes = new NameHashes(1, "service:");
    String name = "frontend";
    assertThat(hashes.hash(name)).isEqualTo(FeatureHashing.hash("service:frontend"));
    assertThat(hashes.hash(new String(name.toCharArray())))
        .isEqualTo(FeatureHashing.hash("service:frontend"));
    // One slot: every other name evicts the previous one and is still hashed right.
    for (int i = 0; i < 100; i++) {
      assertThat(hashes.hash("svc-" + i)).isEqualTo(FeatureHashing.hash("service:svc-" + i));
    }
  }

  @Test
  void capacityIsAPowerOfTwo() {
    assertThatThrownBy(() -> new NameHashes(3, "")).isInstanceOf(IllegalArgumentException.class);
  }
}
