package dev.runtimeslicer.model.slice;

import dev.runtimeslicer.model.telemetry.Signal;
import java.util.Arrays;

/**
 * The event-time progress of one system, which alone decides when that system's windows close: no
 * other system's clock, backlog or burst moves it.
 *
 * <p>Each signal keeps its newest event time and when (processing time) it last arrived. A signal
 * holds the system back at its newest event time plus the processing time since it last arrived: a
 * signal that arrives on its own schedule (metrics every minute, a log now and then) keeps pace
 * with the wall clock and holds nothing back, while a signal whose topic is read behind the others
 * (a backlog after a restart, a slow consumer, a lagging Collector) holds the system until it
 * catches up, so its records are not late. While any signal still arrives, the clock never passes
 * the newest record seen; once all have been silent for the idleness, it moves on with processing
 * time, so a silent system's windows still close. The watermark trails this clock by the allowed
 * out-of-orderness.
 *
 * <p>A Flink POJO (public fields, no-argument constructor), kept in keyed state.
 */
public final class SystemClock {

  /** No value yet. */
  public static final long NONE = Long.MIN_VALUE;

  private static final int SIGNALS = Signal.values().length;

  /** Newest event time per signal (by ordinal), {@link #NONE} for a signal not seen. */
  public long[] newestMs = filled(NONE);

  /** Processing time of each signal's last record. */
  public long[] arrivalMs = filled(NONE);

  /** Processing time of the system's first record. */
  public long firstArrivalMs = NONE;

  /** Start of the earliest pane with data; windows starting before it are partial. */
  public long firstPaneMs = NONE;

  /**
   * End of the newest window that has closed: a record whose first window ends at or before it is
   * late.
   */
  public long closedThroughMs = NONE;

  /** Processing time of the pending check of this clock, {@link #NONE} when none is pending. */
  public long checkAtMs = NONE;

  /** Log-template miners created for the system's services since this clock was created. */
  public int minedServices;

  private static long[] filled(long value) {
    long[] values = new long[SIGNALS];
    Arrays.fill(values, value);
    return values;
  }

  /** An independent copy. */
  public SystemClock copy() {
    SystemClock copy = new SystemClock();
    copy.newestMs = newestMs.clone();
    copy.arrivalMs = arrivalMs.clone();
    copy.firstArrivalMs = firstArrivalMs;
    copy.firstPaneMs = firstPaneMs;
    copy.closedThroughMs = closedThroughMs;
    copy.checkAtMs = checkAtMs;
    copy.minedServices = minedServices;
    return copy;
  }

  /**
   * Whether a record in the pane starting at {@code paneStartMs} comes after its first window
   * closed.
   */
  public boolean isLate(long paneStartMs, long slideMs) {
    return closedThroughMs != NONE && paneStartMs + slideMs <= closedThroughMs;
  }

  /**
   * Whether a record of {@code signal} at {@code eventMs} would reach back before the system's
   * first pane by more than its signal allows ({@code maxOutOfOrdernessMs} behind that signal's
   * newest record): late, even while no window has closed. Otherwise one stale record (a host clock
   * years off, an old message left in a topic) would move the system's start back and change the
   * windows it has open.
   */
  public boolean reachesBeforeStart(
      Signal signal, long eventMs, long paneStartMs, long maxOutOfOrdernessMs) {
    long newest = newestMs[signal.ordinal()];
    return firstPaneMs != NONE
        && paneStartMs < firstPaneMs
        && newest != NONE
        && eventMs < newest - maxOutOfOrdernessMs;
  }

  /**
   * Notes a record of {@code signal} at {@code eventMs} that arrived at processing time {@code
   * nowMs}.
   */
  public void observe(Signal signal, long eventMs, long nowMs) {
    int s = signal.ordinal();
    newestMs[s] = Math.max(newestMs[s], eventMs);
    arrivalMs[s] = nowMs;
    if (firstArrivalMs == NONE) {
      firstArrivalMs = nowMs;
    }
  }

  /** Notes that a pane starting at {@code paneStartMs} holds data. */
  public void notePane(long paneStartMs) {
    if (firstPaneMs == NONE || paneStartMs < firstPaneMs) {
      firstPaneMs = paneStartMs;
    }
  }

  /**
   * The system's watermark at processing time {@code nowMs}: every record at or before it should
   * have arrived. {@link #NONE} while nothing may close yet.
   *
   * @param countFromMs processing time from which silence counts (when this operator instance
   *     started), so time the job was down does not look like silence of the system
   */
  public long watermark(long nowMs, long countFromMs, EventTimeSettings settings) {
    long held = Long.MAX_VALUE;
    long newest = NONE;
    boolean arriving = false;
    boolean unseen = false;
    for (int s = 0; s < SIGNALS; s++) {
      if (newestMs[s] == NONE) {
        unseen = true;
        continue;
      }
      long silentMs = Math.max(0, nowMs - Math.max(arrivalMs[s], countFromMs));
      held = Math.min(held, saturatedAdd(newestMs[s], silentMs));
      newest = Math.max(newest, newestMs[s]);
      arriving |= silentMs < settings.idlenessMs();
    }
    if (newest == NONE) {
      return NONE;
    }
    // A signal the system has not sent yet may be on its way (its topic not read yet): a new system
    // waits for it for the idleness before its first windows close.
    if (unseen && nowMs - Math.max(firstArrivalMs, countFromMs) < settings.idlenessMs()) {
      return NONE;
    }
    long clock = arriving ? Math.min(held, newest) : held;
    return clock - settings.maxOutOfOrdernessMs() - 1;
  }

  /**
   * The earliest processing time at which, with no record arriving before it, the watermark reaches
   * {@code windowEndMs} - 1 and that window may close: when the signals holding the system back
   * have been silent long enough, or all of them for the idleness.
   */
  public long closableAt(
      long windowEndMs, long nowMs, long countFromMs, EventTimeSettings settings) {
    long target =
        windowEndMs + settings.maxOutOfOrdernessMs(); // the clock at which the window closes
    long held = Long.MAX_VALUE;
    long newest = NONE;
    long allSilentAt = NONE;
    boolean unseen = false;
    for (int s = 0; s < SIGNALS; s++) {
      if (newestMs[s] == NONE) {
        unseen = true;
        continue;
      }
      long since = Math.max(arrivalMs[s], countFromMs);
      held = Math.min(held, saturatedAdd(newestMs[s], Math.max(0, nowMs - since)));
      newest = Math.max(newest, newestMs[s]);
      allSilentAt = Math.max(allSilentAt, since + settings.idlenessMs());
    }
    if (newest == NONE) {
      return Long.MAX_VALUE;
    }
    // every signal's holding point moves on with processing time
    long at = held >= target ? nowMs : nowMs + (target - held);
    if (target > newest) {
      at = Math.max(at, allSilentAt); // past the newest record only once the whole system is silent
    }
    if (unseen) {
      at = Math.max(at, Math.max(firstArrivalMs, countFromMs) + settings.idlenessMs());
    }
    return at;
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** The end of the newest window whose end is at or before {@code watermark} + 1. */
  public static long lastClosableEnd(long watermark, long slideMs) {
    return Math.floorDiv(watermark + 1, slideMs) * slideMs;
  }
}
