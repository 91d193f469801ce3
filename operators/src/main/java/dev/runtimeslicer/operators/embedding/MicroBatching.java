package dev.runtimeslicer.operators.embedding;

import java.io.Serializable;
import java.time.Duration;

/**
 * How the embedding operator batches slices for the encoder: a batch is run when it holds {@code
 * maxSize} slices or its oldest slice has waited {@code maxDelay} (processing time), and always
 * before a watermark, a checkpoint barrier or the end of input passes.
 */
public record MicroBatching(int maxSize, Duration maxDelay) implements Serializable {

  public MicroBatching {
    if (maxSize < 1 || maxDelay.isNegative() || maxDelay.isZero()) {
      throw new IllegalArgumentException(
          "micro-batching needs a size >= 1 and a positive delay, got "
              + maxSize
              + " / "
              + maxDelay);
    }
  }
}
