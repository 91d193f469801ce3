package dev.runtimeslicer.model.embedding;

/** Robust compressions of raw telemetry values, shared by the tokenizers. */
final class ScaledValues {

  private ScaledValues() {}

  /**
   * log1p of a non-negative count, rate or latency; negatives and non-finite values (which should
   * not occur) give 0.
   */
  static float log1p(double value) {
    return value > 0 && value < Double.POSITIVE_INFINITY ? log1pFast(value) : 0f;
  }

  /**
   * log(1 + x) through the intrinsic Math.log: Math.log1p is a native call on Java 17 and was the
   * featurizer's top cost. For tiny x, where 1 + x rounds, x itself is the answer to float
   * precision.
   */
  private static float log1pFast(double value) {
    return value < 1e-4 ? (float) (value - value * value / 2) : (float) Math.log(1 + value);
  }

  /** {@code value}, or 0 when it is NaN or infinite (a broken exporter must not poison a batch). */
  static double finite(double value) {
    return Double.isFinite(value) ? value : 0.0;
  }

  /** Sign-preserving log1p for metric values of any sign and magnitude (bytes, ratios, seconds). */
  static float signedLog1p(double value) {
    if (!Double.isFinite(value)) {
      return 0f;
    }
    return Math.signum((float) value) * log1pFast(Math.abs(value));
  }

  /** numerator / denominator, or 0 when there is nothing to divide by. */
  static float ratio(double numerator, double denominator) {
    return denominator > 0 ? (float) finite(numerator / denominator) : 0f;
  }
}
