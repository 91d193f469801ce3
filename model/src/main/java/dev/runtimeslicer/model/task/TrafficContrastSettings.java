package dev.runtimeslicer.model.task;

import java.io.Serializable;
import java.time.Duration;

/**
 * How a system's recent calm traffic is learned and an incident compared with it ({@link
 * RecentTraffic}, {@link TrafficContrast}).
 *
 * @param memoryMs time constant of the recent normal: a window this old weighs 1/e of a new one
 * @param warmUpMs calm telemetry a system needs before its contrast is read
 * @param minCount requests (or calls) in a window below which its mean duration is too noisy to
 *     judge
 * @param minSpreadMs smallest spread of a mean duration, in ms
 * @param relativeSpread smallest spread of a mean duration as a share of it
 * @param maxTemplates log templates remembered per service; the rarest go first
 */
public record TrafficContrastSettings(
    long memoryMs,
    long warmUpMs,
    int minCount,
    double minSpreadMs,
    double relativeSpread,
    int maxTemplates)
    implements Serializable {

  /**
   * Half an hour of memory, ten minutes of warm-up: set by what an incident is compared with, not
   * tuned on any set.
   */
  public static final TrafficContrastSettings DEFAULTS =
      new TrafficContrastSettings(
          Duration.ofMinutes(30).toMillis(), Duration.ofMinutes(10).toMillis(), 5, 0.5, 0.05, 256);

  public TrafficContrastSettings {
    if (memoryMs <= 0
        || warmUpMs < 0
        || minCount < 1
        || !(minSpreadMs > 0)
        || !(relativeSpread >= 0)
        || maxTemplates < 1) {
      throw new IllegalArgumentException(
          "traffic contrast needs a positive memory, spreads and counts, got memory "
              + memoryMs
              + " ms, warm-up "
              + warmUpMs
              + " ms, min count "
              + minCount
              + ", spreads "
              + minSpreadMs
              + " ms / "
              + relativeSpread
              + ", templates "
              + maxTemplates);
    }
  }

  /** The smallest spread of a duration whose normal is {@code meanMs}. */
  double floorMs(double meanMs) {
    return Double.isFinite(meanMs) ? Math.max(minSpreadMs, relativeSpread * meanMs) : minSpreadMs;
  }
}
