package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.model.format.FaultLabel;

/**
 * One injected fault: type, root cause, active interval in epoch nanoseconds, and intensity in [0,
 * 1].
 */
public record Fault(
    String id,
    FaultType type,
    FaultTarget target,
    long startNanos,
    long endNanos,
    double intensity) {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** Whether the fault is active at some point of [fromNanos, toNanos). */
  public boolean activeDuring(long fromNanos, long toNanos) {
    return startNanos < toNanos && endNanos > fromNanos;
  }

  /** Length of the fault in seconds. */
  public double durationSeconds() {
    return (endNanos - startNanos) / 1e9;
  }

  /**
   * The ground-truth label of this fault injected into {@code system}, times in epoch milliseconds.
   */
  public FaultLabel label(String system) {
    return new FaultLabel(
        system,
        id,
        type.id(),
        startNanos / NANOS_PER_MILLI,
        endNanos / NANOS_PER_MILLI,
        target.service(),
        target.instance(),
        target.node());
  }
}
