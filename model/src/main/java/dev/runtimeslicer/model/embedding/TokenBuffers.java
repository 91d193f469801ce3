package dev.runtimeslicer.model.embedding;

import java.util.Arrays;

/**
 * Token and mask arrays that one thread's successive batches write into. A batch of the previous
 * batch's shape gets the same arrays back, zeroed: cheaper than fresh arrays of a few hundred
 * kilobytes per modality and batch. Each call hands out arrays the previous batch still holds, so a
 * batch made with these buffers is valid only until the next one. Not thread-safe.
 */
final class TokenBuffers {

  private final float[][] tokens = new float[Modality.values().length][];
  private final float[][] masks = new float[Modality.values().length][];

  /** A zeroed token array of {@code length} for {@code modality}. */
  float[] tokens(Modality modality, int length) {
    return zeroed(tokens, modality.ordinal(), length);
  }

  /** A zeroed mask array of {@code length} for {@code modality}. */
  float[] mask(Modality modality, int length) {
    return zeroed(masks, modality.ordinal(), length);
  }

  private static float[] zeroed(float[][] arrays, int m, int length) {
    float[] array = arrays[m];
    if (array == null || array.length != length) {
      // The encoder's tensors take whole arrays, so only an exact fit can be reused.
      array = new float[length];
      arrays[m] = array;
    } else {
      Arrays.fill(array, 0f);
    }
    return array;
  }
}
