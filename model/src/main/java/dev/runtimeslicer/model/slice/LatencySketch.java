package dev.runtimeslicer.model.slice;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;
import com.datadoghq.sketch.ddsketch.encoding.ByteArrayInput;
import com.datadoghq.sketch.ddsketch.encoding.GrowingByteArrayOutput;
import com.datadoghq.sketch.ddsketch.store.CollapsingLowestDenseStore;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Mergeable latency distribution (DDSketch, 1% relative accuracy, at most {@link #MAX_BINS} bins so
 * memory stays bounded; the lowest bins collapse first) with a compact binary form for Flink state;
 * panes keep one each and windows merge them.
 */
final class LatencySketch {
  private static final double RELATIVE_ACCURACY = 0.01;
  private static final int MAX_BINS = 1024;

  private final DDSketch sketch;

  LatencySketch() {
    this(DDSketches.logarithmicCollapsingLowestDense(RELATIVE_ACCURACY, MAX_BINS));
  }

  private LatencySketch(DDSketch sketch) {
    this.sketch = sketch;
  }

  void add(double latencyMs) {
    sketch.accept(Math.max(0.0, latencyMs));
  }

  void merge(LatencySketch other) {
    sketch.mergeWith(other.sketch);
  }

  boolean isEmpty() {
    return sketch.isEmpty();
  }

  double quantile(double q) {
    return sketch.isEmpty() ? 0.0 : sketch.getValueAtQuantile(q);
  }

  byte[] encode() {
    GrowingByteArrayOutput output = GrowingByteArrayOutput.withDefaultInitialCapacity();
    try {
      sketch.encode(output, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode latency sketch", e);
    }
    return output.trimmedCopy();
  }

  static LatencySketch decode(byte[] bytes) {
    try {
      return new LatencySketch(
          DDSketch.decode(
              ByteArrayInput.wrap(bytes), () -> new CollapsingLowestDenseStore(MAX_BINS)));
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt latency sketch in state", e);
    }
  }
}
