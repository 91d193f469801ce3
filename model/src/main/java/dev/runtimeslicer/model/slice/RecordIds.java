package dev.runtimeslicer.model.slice;

/**
 * The 64-bit ids of the records a pane took ({@code TelemetryRecord#recordId}), so a record
 * delivered twice (Collector retries are at least once) counts once. A bounded set: once it holds
 * {@code capacity} ids it takes no more, and later records are counted without the check.
 *
 * <p>Open addressing over a {@code long[]} by hand: 8 to 16 bytes per id where a {@code
 * HashSet<Long>} takes about 50, and the set is kept per pane and checkpointed.
 */
public final class RecordIds {

  /** What {@link #offer} found. */
  public enum Offer {
    NEW,
    SEEN,
    FULL
  }

  private static final int INITIAL_SLOTS = 64;
  // 0 marks an empty slot; an id of 0 is stored under this stand-in instead
  private static final long ZERO_STAND_IN = 0x9E3779B97F4A7C15L;

  private long[] slots = new long[INITIAL_SLOTS];
  private int size;

  /**
   * Records {@code id}: {@link Offer#NEW} the first time, {@link Offer#SEEN} after, {@link
   * Offer#FULL} when there is no room to tell.
   */
  public Offer offer(long id, int capacity) {
    long key = id == 0 ? ZERO_STAND_IN : id;
    int mask = slots.length - 1;
    for (int i = spread(key) & mask; ; i = (i + 1) & mask) {
      long slot = slots[i];
      if (slot == key) {
        return Offer.SEEN;
      }
      if (slot == 0) {
        if (size >= capacity) {
          return Offer.FULL;
        }
        slots[i] = key;
        if (++size * 2 > slots.length) {
          grow();
        }
        return Offer.NEW;
      }
    }
  }

  /** Ids held. */
  public int size() {
    return size;
  }

  /**
   * The ids held, in no particular order (as stored, so a zero id comes back as its stand-in; both
   * mean the same).
   */
  long[] toArray() {
    long[] ids = new long[size];
    int n = 0;
    for (long slot : slots) {
      if (slot != 0) {
        ids[n++] = slot;
      }
    }
    return ids;
  }

  /** Adds stored ids back, from {@link #toArray}. */
  void restore(long[] ids) {
    for (long id : ids) {
      offer(id, Integer.MAX_VALUE);
    }
  }

  private void grow() {
    long[] old = slots;
    slots = new long[old.length * 2];
    int mask = slots.length - 1;
    for (long key : old) {
      if (key != 0) {
        int i = spread(key) & mask;
        while (slots[i] != 0) {
          i = (i + 1) & mask;
        }
        slots[i] = key;
      }
    }
  }

  private static int spread(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32));
  }
}
