package dev.runtimeslicer.model.slice;

/**
 * Calls from one service to one callee, how many failed and how long the timed ones took; mergeable
 * across panes.
 */
final class CallStats {
  long calls;
  long errors;

  /** Calls whose caller-side duration is known, and the sum of those durations. */
  long timed;

  double durationSumMs;

  /**
   * @param durationMs the caller span's duration, NaN when unknown
   */
  void add(boolean error, double durationMs) {
    calls++;
    if (error) {
      errors++;
    }
    if (Double.isFinite(durationMs) && durationMs >= 0) {
      timed++;
      durationSumMs += durationMs;
    }
  }

  void merge(CallStats other) {
    calls += other.calls;
    errors += other.errors;
    timed += other.timed;
    durationSumMs += other.durationSumMs;
  }

  double meanMs() {
    return timed == 0 ? 0.0 : durationSumMs / timed;
  }
}
