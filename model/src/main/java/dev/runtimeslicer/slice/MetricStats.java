package dev.runtimeslicer.slice;

/** Running last, sum, min, max and count of one metric series; mergeable across panes. */
final class MetricStats {
  double last;
  long lastTimestampMs = Long.MIN_VALUE;
  double sum;
  double min = Double.POSITIVE_INFINITY;
  double max = Double.NEGATIVE_INFINITY;
  long count;

  void add(double value, long timestampMs) {
    if (timestampMs >= lastTimestampMs) {
      last = value;
      lastTimestampMs = timestampMs;
    }
    sum += value;
    min = Math.min(min, value);
    max = Math.max(max, value);
    count++;
  }

  void merge(MetricStats other) {
    if (other.lastTimestampMs >= lastTimestampMs) {
      last = other.last;
      lastTimestampMs = other.lastTimestampMs;
    }
    sum += other.sum;
    min = Math.min(min, other.min);
    max = Math.max(max, other.max);
    count += other.count;
  }
}
