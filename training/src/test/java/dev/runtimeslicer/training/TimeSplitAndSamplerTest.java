package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.FeatureSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeSplitAndSamplerTest {

  private static List<Window> windows(String system, int count) {
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      windows.add(new Window(system, i * 10_000L, i * 10_000L + 60_000L, null));
    }
    return windows;
  }

  @Test
  void heldOutWindowsAreTheLatestAndShareNoTimeWithTraining() {
    List<Window> all = new ArrayList<>(windows("a", 100));
    all.addAll(windows("b", 40));
    java.util.Collections.shuffle(all, new java.util.Random(1));
    TimeSplit split = TimeSplit.of(all, 0.25);
    for (String system : List.of("a", "b")) {
      long lastTrainEnd =
          split.earlier().stream()
              .filter(w -> w.system().equals(system))
              .mapToLong(Window::endMs)
              .max()
              .orElseThrow();
      long firstTestStart =
          split.later().stream()
              .filter(w -> w.system().equals(system))
              .mapToLong(Window::startMs)
              .min()
              .orElseThrow();
      assertThat(firstTestStart).isGreaterThanOrEqualTo(lastTrainEnd);
    }
    assertThat(split.later()).isNotEmpty();
  }

  @Test
  void overlapWeightIsSharedTimeOverWindowLength() {
    Window a = new Window("s", 0, 60_000, null);
    assertThat(a.overlap(new Window("s", 30_000, 90_000, null))).isEqualTo(0.5f);
    assertThat(a.overlap(new Window("s", 60_000, 120_000, null))).isZero();
    assertThat(a.overlap(new Window("other", 0, 60_000, null))).isZero();
    assertThat(a.overlap(a)).isEqualTo(1f);
  }

  @Test
  void batchesPairEachAnchorWithAnOverlappingWindowOfItsSystem() {
    List<Window> all = new ArrayList<>(windows("a", 50));
    all.addAll(windows("b", 50));
    BatchSampler sampler = new BatchSampler(BatchSampler.grouped(all));
    List<int[]> batches = sampler.epoch(16, 1000, new SplittableRandom(2));
    assertThat(batches).hasSize(100 / 8 + 1);
    for (int[] batch : batches) {
      for (int k = 0; k + 1 < batch.length; k += 2) {
        Window anchor = sampler.windows().get(batch[k]);
        Window neighbor = sampler.windows().get(batch[k + 1]);
        assertThat(batch[k + 1]).isNotEqualTo(batch[k]);
        assertThat(anchor.overlap(neighbor)).isGreaterThan(0f);
      }
    }
    assertThat(FeatureSchema.defaults().maxServices())
        .isEqualTo(FeatureSchema.DEFAULT_MAX_SERVICES);
  }
}
