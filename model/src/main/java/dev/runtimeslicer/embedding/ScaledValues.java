package dev.runtimeslicer.embedding;

/** Robust compressions of raw telemetry values, shared by the tokenizers. */
final class ScaledValues {

  private ScaledValues() {}

  /** log1p of a non-negative count, rate or latency; negatives and non-finite values (which should not occur) give 0. */
  static float log1p(double value) {
    return value > 0 && value < Double.POSITIVE_INFINITY ? (float) Math.log1p(value) : 0f;
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
    return (float) (Math.signum(value) * Math.log1p(Math.abs(value)));
  }

  /** numerator / denominator, or 0 when there is nothing to divide by. */
  static float ratio(double numerator, double denominator) {
    return denominator > 0 ? (float) finite(numerator / denominator) : 0f;
  }
}
