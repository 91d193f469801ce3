package dev.runtimeslicer.slice;

import java.io.Serializable;

/**
 * When a system's windows close on its own event time.
 *
 * @param maxOutOfOrdernessMs how far behind its system's event time a record may arrive and still
 *     count in its window
 * @param idlenessMs a signal silent this long (processing time) no longer holds its system's clock
 *     at its newest record; a system silent this long has its clock moved on with processing time;
 *     a signal not seen yet holds a new system's windows back this long
 */
public record EventTimeSettings(long maxOutOfOrdernessMs, long idlenessMs) implements Serializable {

  public EventTimeSettings {
    if (maxOutOfOrdernessMs < 0 || idlenessMs <= 0) {
      throw new IllegalArgumentException("out-of-orderness " + maxOutOfOrdernessMs + " ms must be >= 0 and idleness "
          + idlenessMs + " ms > 0");
    }
  }

  /** Defaults: spans counted at their end, exported in SDK and Collector batches (up to 15 s), and a minute of idleness. */
  public static EventTimeSettings defaults() {
    return new EventTimeSettings(15_000, 60_000);
  }
}
