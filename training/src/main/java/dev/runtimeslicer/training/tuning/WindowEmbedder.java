package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Streams slices through the bundle's encoder in batches and keeps each window's embedding; the
 * slice itself only where {@code keep} asks for it. Every slice is also shown to {@code observer}
 * (to learn feature normals on the way).
 */
final class WindowEmbedder {

  /** Slices per encoder call, as the streaming job batches them. */
  static final int BATCH = 64;

  private WindowEmbedder() {}

  static List<EmbeddedWindow> embed(
      SliceSource source,
      SliceEncoder encoder,
      Predicate<RuntimeSlice> keep,
      Consumer<RuntimeSlice> observer)
      throws IOException {
    List<EmbeddedWindow> windows = new ArrayList<>();
    List<RuntimeSlice> batch = new ArrayList<>(BATCH);
    source.forEach(
        slice -> {
          observer.accept(slice);
          batch.add(slice);
          if (batch.size() == BATCH) {
            flush(batch, encoder, keep, windows);
          }
        });
    flush(batch, encoder, keep, windows);
    windows.sort(
        Comparator.comparing(EmbeddedWindow::system).thenComparingLong(EmbeddedWindow::startMs));
    return windows;
  }

  private static void flush(
      List<RuntimeSlice> batch,
      SliceEncoder encoder,
      Predicate<RuntimeSlice> keep,
      List<EmbeddedWindow> out) {
    if (batch.isEmpty()) {
      return;
    }
    List<SliceEmbedding> embeddings = encoder.embed(batch);
    for (int i = 0; i < batch.size(); i++) {
      RuntimeSlice slice = batch.get(i);
      out.add(new EmbeddedWindow(embeddings.get(i), keep.test(slice) ? slice : null));
    }
    batch.clear();
  }
}
