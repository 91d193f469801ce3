package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import org.junit.jupiter.api.Test;

class RuntimeContrastiveLossTest {

  private static final float TAU = 0.1f;

  @Test
  void alignedPairsCostLessThanShuffledOnesAndSoftTargetsRewardOverlap() {
    try (NDManager manager = EncoderTrainer.engine(1).newBaseManager()) {
      NDArray identity = manager.eye(4);
      NDArray shuffled =
          manager.create(new float[][] {{0, 1, 0, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}, {0, 0, 1, 0}});
      float[] hard = {1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
      float[] all = {1, 1, 1, 1};
      float aligned =
          RuntimeContrastiveLoss.symmetric(manager, identity, identity, hard, all, TAU).getFloat();
      float wrong =
          RuntimeContrastiveLoss.symmetric(manager, identity, shuffled, hard, all, TAU).getFloat();
      assertThat(aligned).isLessThan(wrong);
      // With windows 0 and 1 overlapping by half, embeddings that pair them up are no longer all
      // wrong.
      float[] soft = {1, 0.5f, 0, 0, 0.5f, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1};
      float softWrong =
          RuntimeContrastiveLoss.symmetric(manager, identity, shuffled, soft, all, TAU).getFloat();
      assertThat(softWrong).isLessThan(wrong);
    }
  }

  @Test
  void windowsWithoutTheModalityAreLeftOut() {
    try (NDManager manager = EncoderTrainer.engine(1).newBaseManager()) {
      NDArray a = manager.eye(3);
      // Window 2 lacks the second modality: its (garbage) row must change nothing.
      NDArray b = manager.create(new float[][] {{1, 0, 0}, {0, 1, 0}, {1, 0, 0}});
      float[] hard = {1, 0, 0, 0, 1, 0, 0, 0, 1};
      float withMask =
          RuntimeContrastiveLoss.symmetric(manager, a, b, hard, new float[] {1, 1, 0}, TAU)
              .getFloat();
      NDArray a2 = manager.eye(2);
      float twoWindows =
          RuntimeContrastiveLoss.symmetric(
                  manager, a2, a2, new float[] {1, 0, 0, 1}, new float[] {1, 1}, TAU)
              .getFloat();
      assertThat(withMask).isCloseTo(twoWindows, within(1e-5f));
    }
  }
}
