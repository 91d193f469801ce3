package dev.runtimeslicer.simulator.fault;

/** One injected fault: type, root cause, active interval in epoch nanoseconds, and intensity in [0, 1]. */
public record Fault(String id, FaultType type, FaultTarget target, long startNanos, long endNanos, double intensity) {

  /** Whether the fault is active at some point of [fromNanos, toNanos). */
  public boolean activeDuring(long fromNanos, long toNanos) {
    return startNanos < toNanos && endNanos > fromNanos;
  }

  /** Length of the fault in seconds. */
  public double durationSeconds() {
    return (endNanos - startNanos) / 1e9;
  }
}
