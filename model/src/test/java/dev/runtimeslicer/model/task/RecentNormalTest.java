package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentNormalTest {

  private static float[] around(double x, SplittableRandom random) {
    return new float[] {
      (float) (x + 0.01 * random.nextGaussian()), (float) (0.01 * random.nextGaussian())
    };
  }

  @Test
  void followsASlowDriftButNoticesASuddenJump() {
    SplittableRandom random = new SplittableRandom(1);
    RecentNormal normal = new RecentNormal();
    double x = 0;
    double largestDuringDrift = 0;
    for (int i = 0; i < 2000; i++) {
      x += 0.0005; // drifts by 1.0 over the run: 100 times the noise
      float[] window = around(x, random);
      if (i > 100) {
        largestDuringDrift = Math.max(largestDuringDrift, normal.deviation(window, 1e-4));
      }
      normal.update(window, 1.0 / 60);
    }
    assertThat(normal.updates).isEqualTo(2000);
    assertThat(normal.mean[0]).isBetween(0.9f, 1.05f);
    assertThat(largestDuringDrift).isLessThan(8.0);
    assertThat(normal.deviation(around(x + 0.3, random), 1e-4)).isGreaterThan(20.0);
  }

  @Test
  void warmsUpAsAPlainAverage() {
    RecentNormal normal = new RecentNormal();
    normal.update(new float[] {0, 0}, 0.01);
    normal.update(new float[] {2, 0}, 0.01);
    normal.update(new float[] {4, 0}, 0.01);
    assertThat(normal.mean[0]).isEqualTo(2f);
  }

  @Test
  void anomalousWindowsAreNotLearnedUntilTheyOutlastTheHorizon() {
    Adaptation adaptation = new Adaptation(10, 1, 1e-4);
    RecentNormals normals = new RecentNormals();
    dev.runtimeslicer.model.embedding.SliceEmbedding calm = embedding(0f);
    dev.runtimeslicer.model.embedding.SliceEmbedding failing = embedding(5f);
    for (int i = 0; i < 20; i++) {
      normals.observe(calm, adaptation, false);
    }
    for (int i = 0; i < 10; i++) {
      normals.observe(failing, adaptation, true);
    }
    assertThat(normals.system.mean[0]).isEqualTo(0f);
    normals.observe(failing, adaptation, true); // the eleventh: longer than the horizon
    assertThat(normals.system.mean[0]).isGreaterThan(0f);
  }

  @Test
  void aServiceGoneLongerThanItsNormalsMemoryIsForgotten() {
    Adaptation adaptation = new Adaptation(10, 1, 1e-4);
    RecentNormals normals = new RecentNormals();
    normals.observe(embedding(0f), adaptation, false);
    dev.runtimeslicer.model.embedding.SliceEmbedding withoutCart =
        new dev.runtimeslicer.model.embedding.SliceEmbedding(
            "shop",
            0,
            60_000,
            new float[] {0, 0},
            java.util.List.of(
                new dev.runtimeslicer.model.embedding.ServiceEmbedding(
                    "ledger", new float[] {0, 1})),
            0);
    int faded = RecentNormals.fadedAfterWindows(adaptation.alpha());
    assertThat(faded).isEqualTo(44); // 0.9^44 < 1% <= 0.9^43
    for (int i = 0; i < faded; i++) {
      normals.observe(withoutCart, adaptation, false);
    }
    assertThat(normals.services).containsKeys("cart", "ledger");
    normals.observe(embedding(0f), adaptation, false); // back in time: it counts again from here
    for (int i = 0; i <= faded; i++) {
      normals.observe(withoutCart, adaptation, false);
    }
    assertThat(normals.services).containsOnlyKeys("ledger");
  }

  private static dev.runtimeslicer.model.embedding.SliceEmbedding embedding(float x) {
    return new dev.runtimeslicer.model.embedding.SliceEmbedding(
        "shop",
        0,
        60_000,
        new float[] {x, 0},
        java.util.List.of(
            new dev.runtimeslicer.model.embedding.ServiceEmbedding("cart", new float[] {x, 1})),
        0);
  }
}
