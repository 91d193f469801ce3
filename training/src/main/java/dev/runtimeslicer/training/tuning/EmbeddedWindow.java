package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.WindowSymptoms;

/**
 * One training window for tuning: its embedding, its slice where the heads need more than the
 * embedding (windows of labeled incidents; null elsewhere to keep a day of windows in memory), and
 * its services' symptoms (null until the feature normals they need are fitted).
 */
record EmbeddedWindow(SliceEmbedding embedding, RuntimeSlice slice, WindowSymptoms symptoms) {

  EmbeddedWindow(SliceEmbedding embedding, RuntimeSlice slice) {
    this(embedding, slice, null);
  }

  String system() {
    return embedding.system();
  }

  long startMs() {
    return embedding.windowStartMs();
  }

  long endMs() {
    return embedding.windowEndMs();
  }

  EmbeddedWindow withSymptoms(WindowSymptoms value) {
    return new EmbeddedWindow(embedding, slice, value);
  }
}
