package dev.runtimeslicer.model.slice;

import java.io.Serializable;

/**
 * When a system's windows close on its own event time.
 *
 * @param maxOutOfOrdernessMs how far behind its system's event time a record may arrive and still
 *     count in its window
 * @param idlenessMs a signal silent this long (processing time) no longer holds its system's clock
 *     at its newest record; a system silent this long has its clock moved on with processing time;
 *     a signal not seen yet holds a new system's windows back this long
 * @param maxLeadMs how far ahead of the job's clock a record may move its system's clock: a host
 *     whose clock runs minutes fast must not make the records of every other host of its system
 *     late. Its records still count, at their own times; they only do not close windows early.
 */
public record EventTimeSettings(long maxOutOfOrdernessMs, long idlenessMs, long maxLeadMs)
    implements Serializable {

  /**
   * No record moves its system's clock past the job's own: event time is never ahead of the
   * present.
   */
  public static final long DEFAULT_MAX_LEAD_MS = 0;

  public EventTimeSettings {
    if (maxOutOfOrdernessMs < 0 || idlenessMs <= 0 || maxLeadMs < 0) {
      throw new IllegalArgumentException(
          "out-of-orderness "
              + maxOutOfOrdernessMs
              + " ms and lead "
              + maxLeadMs
              + " ms must be >= 0, and idleness "
              + idlenessMs
              + " ms > 0");
    }
  }

  /**
   * Defaults: spans counted at their end, exported in SDK and Collector batches (up to 15 s), a
   * minute of idleness, no lead.
   */
  public static EventTimeSettings defaults() {
    return new EventTimeSettings(15_000, 60_000, DEFAULT_MAX_LEAD_MS);
  }

  /**
   * The latest event time a record arriving at processing time {@code nowMs} may move its system's
   * clock to.
   */
  public long latestClockMs(long nowMs) {
    return nowMs > Long.MAX_VALUE - maxLeadMs ? Long.MAX_VALUE : nowMs + maxLeadMs;
  }
}
