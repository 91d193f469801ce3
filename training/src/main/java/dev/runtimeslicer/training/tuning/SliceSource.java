package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.io.IOException;
import java.util.function.Consumer;

/** Where tuning reads its slices from: files, a list in memory, a test's own data. */
@FunctionalInterface
public interface SliceSource {

  /** Hands every slice to {@code sink}, in any order. */
  void forEach(Consumer<RuntimeSlice> sink) throws IOException;

  /** The slices of a list. */
  static SliceSource of(Iterable<RuntimeSlice> slices) {
    return sink -> slices.forEach(sink);
  }
}
