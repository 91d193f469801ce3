package dev.runtimeslicer.model.embedding;

/**
 * Signed feature hashing of names (metric series, operations, callees, log templates, severities):
 * a name maps to a bucket and a sign, so unseen names need no vocabulary and collisions cancel out
 * in expectation instead of piling up.
 */
public final class FeatureHashing {

  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private FeatureHashing() {}

  /** A stable 64-bit hash of {@code name}, mixed so that low and high bits are both usable. */
  public static long hash(String name) {
    long h = FNV_OFFSET;
    for (int i = 0; i < name.length(); i++) {
      h ^= name.charAt(i);
      h *= FNV_PRIME;
    }
    // FNV alone leaves the low bits weakly mixed for short names; a splitmix finalizer fixes that.
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  /** Bucket of a hash among {@code buckets}: the unsigned remainder. */
  public static int bucket(long hash, int buckets) {
    // Long.remainderUnsigned is a 64-bit division on Java 17; for a power of two a mask is the same
    // remainder.
    if (buckets > 0 && (buckets & (buckets - 1)) == 0) {
      return (int) (hash & (buckets - 1));
    }
    return (int) Long.remainderUnsigned(hash, buckets);
  }

  /** +1 or -1, from the top bit (independent of the bucket, which uses the low bits). */
  public static float sign(long hash) {
    return hash < 0 ? -1f : 1f;
  }
}
