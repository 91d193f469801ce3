package dev.runtimeslicer.model.embedding;

/**
 * A service's name as a fixed code appended to each of its tokens: pooling over services is a set
 * operation, and without it a pooled metric token could not say which service had which value. The
 * code is +1/-1 values from the name's hash, or, when names have meaning, the name's direction
 * ({@link NameDirections}) scaled to the same size, so services with similar roles in different
 * systems ({@code cartservice}, {@code cart}) get similar codes. Any name gets a code, so unseen
 * services need no vocabulary.
 */
final class ServiceIdentity {

  /** Code length; distinct names get distinct codes with probability 1 - 2^-16 per pair. */
  static final int FEATURES = 16;

  /**
   * Hashed in front of the service name, a second mix so the code's bits are independent of the
   * bucket and sign bits of the same name as a callee.
   */
  static final String PREFIX = "service:";

  /** The length of a code of +1/-1 values. */
  private static final float CODE_LENGTH = (float) Math.sqrt(FEATURES);

  private ServiceIdentity() {}

  /**
   * Writes the code whose hash is {@code bits} = {@code FeatureHashing.hash(PREFIX + name)} into
   * {@code out} at {@code offset}.
   */
  static void write(long bits, float[] out, int offset) {
    for (int i = 0; i < FEATURES; i++) {
      out[offset + i] = ((bits >>> i) & 1L) == 0 ? -1f : 1f;
    }
  }

  /**
   * Writes the code of a name's unit {@code direction} ({@link #FEATURES} long) into {@code out} at
   * {@code offset}, scaled to the length of a hashed code.
   */
  static void write(float[] direction, float[] out, int offset) {
    for (int i = 0; i < FEATURES; i++) {
      out[offset + i] = CODE_LENGTH * direction[i];
    }
  }
}
