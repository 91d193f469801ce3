package dev.runtimeslicer.tuning;

import dev.runtimeslicer.embedding.SliceEmbedding;
import dev.runtimeslicer.slice.RuntimeSlice;

/**
 * One training window for tuning: its embedding, and its slice where the heads need more than the
 * embedding (windows of labeled incidents); null elsewhere to keep a day of windows in memory.
 */
record EmbeddedWindow(SliceEmbedding embedding, RuntimeSlice slice) {

  String system() {
    return embedding.system();
  }

  long startMs() {
    return embedding.windowStartMs();
  }

  long endMs() {
    return embedding.windowEndMs();
  }
}
