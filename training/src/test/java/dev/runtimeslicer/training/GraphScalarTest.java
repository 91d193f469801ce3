package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GraphScalarTest {

  /**
   * Small direct buffers filled with NaN, allocated after a collection so they take freed memory.
   */
  private static final int FILLERS = 20_000;

  @Test
  void gradientsDoNotChangeWhenTheHeapIsCollectedBetweenForwardAndBackward()
      throws InterruptedException {
    TrainingSettings config = TestData.quickConfig();
    List<Window> raw = TestData.rawWindows(config.schema());
    var featurizer =
        new dev.runtimeslicer.model.embedding.SliceFeaturizer(
            config.schema(), TrainingWindows.fit(raw, config.schema()));
    List<Window> windows = BatchSampler.grouped(TrainingWindows.scale(raw, featurizer));
    int[] batch = IntStream.range(0, config.batchSize()).toArray();

    Map<String, float[]> undisturbed = gradients(config, windows, batch, false);
    Map<String, float[]> collected = gradients(config, windows, batch, true);

    assertThat(undisturbed.values())
        .allSatisfy(gradient -> assertThat(gradient).doesNotContain(Float.NaN));
    for (String name : undisturbed.keySet()) {
      assertThat(collected.get(name)).as(name).containsExactly(undisturbed.get(name));
    }
  }

  private static Map<String, float[]> gradients(
      TrainingSettings config, List<Window> windows, int[] batch, boolean collectBeforeBackward)
      throws InterruptedException {
    Engine engine = EncoderTrainer.engine(config.seed());
    EncoderTrainer trainer =
        new EncoderTrainer(config, new PrintStream(new ByteArrayOutputStream()));
    List<ByteBuffer> fillers = new ArrayList<>();
    try (NDManager manager = engine.newBaseManager();
        NDManager step = manager.newSubManager()) {
      Map<String, NDArray> parameters =
          EncoderTrainer.load(
              manager,
              EncoderWeights.initialize(config.schema(), config.dimensions(), config.seed()));
      try (GradientCollector collector = engine.newGradientCollector()) {
        NDArray total =
            trainer.loss(step, parameters, windows, batch, new SplittableRandom(3)).total();
        if (collectBeforeBackward) {
          // Whatever Java-owned memory the graph still pointed into is freed here and overwritten.
          for (int round = 0; round < 5; round++) {
            System.gc();
            Thread.sleep(20);
          }
          for (int i = 0; i < FILLERS; i++) {
            fillers.add(
                ByteBuffer.allocateDirect(Float.BYTES)
                    .order(ByteOrder.nativeOrder())
                    .putFloat(0, Float.NaN));
          }
        }
        collector.backward(total);
      }
      Map<String, float[]> gradients = new LinkedHashMap<>();
      for (Map.Entry<String, NDArray> parameter : parameters.entrySet()) {
        try (NDArray gradient = parameter.getValue().getGradient()) {
          gradients.put(parameter.getKey(), gradient.toFloatArray());
        }
      }
      assertThat(fillers).hasSize(collectBeforeBackward ? FILLERS : 0);
      return gradients;
    }
  }
}
