package dev.runtimeslicer.simulator.system;

/**
 * Kubernetes-style pod names ({@code cartservice-7c9d8f6b5-x2k4p}) derived from the system and
 * service names only, so they are stable across seeds and runs.
 */
final class PodNames {

  /** The alphabet Kubernetes uses for generated name suffixes (no vowels, no look-alikes). */
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  private static final int TEMPLATE_HASH_LENGTH = 9;
  private static final int SUFFIX_LENGTH = 5;
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private PodNames() {}

  static String podName(String system, String service, int replica) {
    String template = encode(fnv(system + "/" + service), TEMPLATE_HASH_LENGTH);
    String suffix = encode(fnv(system + "/" + service + "#" + replica), SUFFIX_LENGTH);
    return service + "-" + template + "-" + suffix;
  }

  private static long fnv(String text) {
    long hash = FNV_OFFSET;
    for (int i = 0; i < text.length(); i++) {
      hash ^= text.charAt(i);
      hash *= FNV_PRIME;
    }
    return hash;
  }

  private static String encode(long hash, int length) {
    StringBuilder out = new StringBuilder(length);
    long value = hash & Long.MAX_VALUE;
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt((int) (value % ALPHABET.length())));
      value /= ALPHABET.length();
    }
    return out.toString();
  }
}
