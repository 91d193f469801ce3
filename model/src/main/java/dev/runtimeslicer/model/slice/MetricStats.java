package dev.runtimeslicer.model.slice;

/**
 * Running last, sum, min, max and count of one metric series; mergeable across panes. Points of
 * equal time (two instances exporting together) leave the larger value as the last, so the result
 * does not depend on their arrival order, which a replay does not fix.
 */
final class MetricStats {
  double last;
  long lastTimestampMs = Long.MIN_VALUE;
  double sum;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  long count;

  void add(double value, long timestampMs) {
    if (later(timestampMs, value, lastTimestampMs, last)) {
      last = value;
      lastTimestampMs = timestampMs;
    }
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    count++;
  }

  void merge(MetricStats other) {
    if (later(other.lastTimestampMs, other.last, lastTimestampMs, last)) {
      last = other.last;
      lastTimestampMs = other.lastTimestampMs;
    }
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    count += other.count;
  }

  /** Whether a point at {@code timestampMs} replaces the last one: later, or as late and larger. */
  private static boolean later(long timestampMs, double value, long lastTimestampMs, double last) {
    return timestampMs > lastTimestampMs
        || (timestampMs == lastTimestampMs && Double.compare(value, last) > 0);
  }
}
