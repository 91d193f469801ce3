package dev.runtimeslicer.model.slice;

/** Request count, errors and latency of one operation; mergeable across panes. */
final class OperationStats {
  long count;
  long errors;
  double latencySumMs;
  double latencyMaxMs;

  void add(double latencyMs, boolean error) {
    count++;
    if (error) {
      errors++;
    }
    latencySumMs += latencyMs;
    latencyMaxMs = Math.max(latencyMaxMs, latencyMs);
  }

  void merge(OperationStats other) {
    count += other.count;
    errors += other.errors;
    latencySumMs += other.latencySumMs;
    latencyMaxMs = Math.max(latencyMaxMs, other.latencyMaxMs);
  }
}
