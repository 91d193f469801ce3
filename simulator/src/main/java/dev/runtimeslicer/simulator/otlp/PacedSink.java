package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.simulator.TelemetrySink;

/**
 * Holds a sink to wall-clock pace: simulated time may run at most {@code speed} times faster than
 * real time (speed 1 = real time; speed 0 = no pacing).
 */
public final class PacedSink extends ForwardingTelemetrySink {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final double speed;
  private long simulatedOrigin = Long.MIN_VALUE;
  private long wallOrigin;

  /** Paces {@code delegate} at {@code speed} times real time. */
  public PacedSink(TelemetrySink delegate, double speed) {
    super(delegate);
    if (speed < 0) {
      throw new IllegalArgumentException(
          "speed must be >= 0 (0 = as fast as possible), got " + speed);
    }
    this.speed = speed;
  }

  @Override
  public void advanceTo(long simulatedNanos) {
    delegate.advanceTo(simulatedNanos);
    if (speed == 0) {
      return;
    }
    if (simulatedOrigin == Long.MIN_VALUE) {
      // The first tick's data is out; its end becomes the reference point of the pacing.
      simulatedOrigin = simulatedNanos;
      wallOrigin = System.nanoTime();
      return;
    }
    long due = wallOrigin + (long) ((simulatedNanos - simulatedOrigin) / speed);
    long wait = due - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(wait / NANOS_PER_MILLI, (int) (wait % NANOS_PER_MILLI));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while pacing", e);
      }
    }
  }
}
