package dev.runtimeslicer.model.embedding;

/**
 * A bounded memo of {@link FeatureHashing#hash} per name (of {@code prefix + name}), so that the
 * names a system repeats in every window (series, operations, callees, templates, services) are
 * hashed once rather than per window. Direct-mapped on {@link String#hashCode}: a name whose slot
 * another name took is hashed again, so the table never grows. Thread-safe without locks: slots
 * hold immutable entries, and a lost race only costs a recomputation.
 */
final class NameHashes {

  private record Entry(String name, long hash) {}

  private final String prefix;
  private final Entry[] slots;
  private final int mask;

  /** {@code capacity} slots, a power of two. */
  NameHashes(int capacity, String prefix) {
    if (capacity <= 0 || (capacity & (capacity - 1)) != 0) {
      throw new IllegalArgumentException("capacity must be a power of two, was " + capacity);
    }
    this.prefix = prefix;
    this.slots = new Entry[capacity];
    this.mask = capacity - 1;
  }

  /** {@code FeatureHashing.hash(prefix + name)}. */
  long hash(String name) {
    int h = name.hashCode();
    int slot = (h ^ (h >>> 16)) & mask;
    Entry entry = slots[slot];
    if (entry != null && (entry.name == name || entry.name.equals(name))) {
      return entry.hash;
    }
    long hash = FeatureHashing.hash(prefix.isEmpty() ? name : prefix + name);
    slots[slot] = new Entry(name, hash);
    return hash;
  }
}
