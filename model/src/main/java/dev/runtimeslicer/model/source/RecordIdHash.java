package dev.runtimeslicer.model.source;

import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit hash over the fields that identify one span, metric point or log record (or a whole
 * message), for {@link TelemetryRecord#recordId}: equal for every delivery of the record, and with
 * 64 bits a chance match between two of a pane's records is negligible (about n² / 2⁶⁵). Written
 * here because the JDK hashes to 32 bits only; FNV-1a steps with SplitMix64's finalizer.
 */
final class RecordIdHash {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;
  // eight bytes per step: a message of megabytes is hashed at memory speed
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private long hash = FNV_OFFSET;

  RecordIdHash add(String value) {
    for (int i = 0; i < value.length(); i++) {
      hash = (hash ^ value.charAt(i)) * FNV_PRIME;
    }
    // the length ends the field, so ("ab", "c") and ("a", "bc") differ
    return add(value.length());
  }

  RecordIdHash add(byte[] value) {
    int i = 0;
    for (; i + Long.BYTES <= value.length; i += Long.BYTES) {
      hash = (hash ^ (long) LONGS.get(value, i)) * FNV_PRIME;
    }
    for (; i < value.length; i++) {
      hash = (hash ^ value[i]) * FNV_PRIME;
    }
    return add(value.length);
  }

  RecordIdHash add(long value) {
    hash = mix(hash ^ value) * FNV_PRIME;
    return this;
  }

  /** The id; never {@link TelemetryRecord#NO_ID}. */
  long id() {
    long id = mix(hash);
    return id == TelemetryRecord.NO_ID ? 1 : id;
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
