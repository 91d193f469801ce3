package dev.runtimeslicer.model.task;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a system's alert tail keeps learning online ({@link LiveAlertTail}).
 *
 * @param memoryMs how far back the calm windows it learns from reach
 * @param warmUpMs calm telemetry a system needs before its own tail is read; until then the tuned
 *     tail (or, for a system tuning never saw, the pooled one) sets its firing score alone
 */
public record LiveAlertTailSettings(long memoryMs, long warmUpMs) implements Serializable {

  /**
   * A day of memory (the budget is a day's, and a day holds the load curve), six hours of warm-up
   * (the default for a new system): set by what they mean, not tuned on any set.
   */
  public static final LiveAlertTailSettings DEFAULTS =
      new LiveAlertTailSettings(Duration.ofDays(1).toMillis(), Duration.ofHours(6).toMillis());

  public LiveAlertTailSettings {
    if (memoryMs <= 0 || warmUpMs < 0 || warmUpMs > memoryMs) {
      throw new IllegalArgumentException(
          "live alert tail needs a positive memory and a warm-up within it, got memory "
              + memoryMs
              + " ms, warm-up "
              + warmUpMs
              + " ms");
    }
  }
}
