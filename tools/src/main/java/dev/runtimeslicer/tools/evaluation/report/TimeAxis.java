package dev.runtimeslicer.tools.evaluation.report;

import java.util.ArrayList;
import java.util.List;

/** Maps a time range onto a horizontal pixel range and picks round tick times for it. */
final class TimeAxis {

  private static final long MINUTE = 60_000;
  private static final long[] TICK_STEPS_MS = {
    MINUTE,
    2 * MINUTE,
    5 * MINUTE,
    10 * MINUTE,
    15 * MINUTE,
    30 * MINUTE,
    60 * MINUTE,
    120 * MINUTE,
    180 * MINUTE,
    360 * MINUTE,
    720 * MINUTE,
    1440 * MINUTE
  };
  private static final int MAX_TICKS = 8;

  private final long startMs;
  private final long endMs;
  private final double left;
  private final double right;

  TimeAxis(long startMs, long endMs, double left, double right) {
    this.startMs = startMs;
    this.endMs = Math.max(endMs, startMs + 1);
    this.left = left;
    this.right = right;
  }

  long startMs() {
    return startMs;
  }

  long endMs() {
    return endMs;
  }

  /** The pixel of {@code timeMs}, clamped to the axis. */
  double x(long timeMs) {
    long clamped = Math.max(startMs, Math.min(endMs, timeMs));
    return left + (clamped - startMs) * (right - left) / (endMs - startMs);
  }

  /** Round times (whole multiples of one step) within the range, at most {@value #MAX_TICKS}. */
  List<Long> ticks() {
    long span = endMs - startMs;
    long step = TICK_STEPS_MS[TICK_STEPS_MS.length - 1];
    for (long candidate : TICK_STEPS_MS) {
      if (span / candidate < MAX_TICKS) {
        step = candidate;
        break;
      }
    }
    List<Long> ticks = new ArrayList<>();
    for (long tick = Math.floorDiv(startMs + step - 1, step) * step; tick <= endMs; tick += step) {
      ticks.add(tick);
    }
    return ticks;
  }
}
