package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureBatch;

/** One slice's window and its featurized tokens (a batch of one). */
public record Window(String system, long startMs, long endMs, FeatureBatch features) {

  /**
   * Temporal overlap weight in [0, 1]: shared time over the longer window's length, 0 across
   * systems.
   */
  public float overlap(Window other) {
    if (!system.equals(other.system)) {
      return 0f;
    }
    long shared = Math.min(endMs, other.endMs) - Math.max(startMs, other.startMs);
    long length = Math.max(endMs - startMs, other.endMs - other.startMs);
    return shared <= 0 || length <= 0 ? 0f : (float) shared / length;
  }
}
