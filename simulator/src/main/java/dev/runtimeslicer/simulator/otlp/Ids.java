package dev.runtimeslicer.simulator.otlp;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;

/** Trace and span ids as OTLP bytes (big-endian). */
public final class Ids {

  private static final int LONG_BYTES = 8;

  private Ids() {}

  /** A 16-byte trace id. */
  public static ByteString traceId(long high, long low) {
    byte[] bytes = new byte[2 * LONG_BYTES];
    put(bytes, 0, high);
    put(bytes, LONG_BYTES, low);
    return UnsafeByteOperations.unsafeWrap(bytes);
  }

  /** An 8-byte span id. */
  public static ByteString spanId(long id) {
    byte[] bytes = new byte[LONG_BYTES];
    put(bytes, 0, id);
    return UnsafeByteOperations.unsafeWrap(bytes);
  }

  private static void put(byte[] bytes, int offset, long value) {
    for (int i = LONG_BYTES - 1; i >= 0; i--) {
      bytes[offset + i] = (byte) value;
      value >>>= LONG_BYTES;
    }
  }
}
