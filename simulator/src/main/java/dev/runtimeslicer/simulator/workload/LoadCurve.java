package dev.runtimeslicer.simulator.workload;

import dev.runtimeslicer.simulator.system.WorkloadSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The entry request rate over simulated time: base rate times a daily cycle (cosine peaking at the
 * peak hour), slowly varying multiplicative noise (an AR(1) process updated every 10 s) and
 * occasional bursts with a smooth rise and fall.
 */
public final class LoadCurve {

  private static final double DEFAULT_DAILY_AMPLITUDE = 0.5;
  private static final double DEFAULT_PEAK_HOUR = 14;
  private static final double DEFAULT_NOISE = 0.1;
  private static final double DEFAULT_BURST_FACTOR = 2.0;
  private static final double DEFAULT_BURST_MINUTES = 3;

  /** How much of the previous noise value carries over to the next 10 s window. */
  private static final double NOISE_MEMORY = 0.8;

  private static final long NOISE_WINDOW_NANOS = 10_000_000_000L;
  private static final double NANOS_PER_HOUR = 3.6e12;
  private static final double HOURS_PER_DAY = 24;
  private static final double SECONDS_PER_DAY = 86_400;

  private final double baseRate;
  private final double amplitude;
  private final double peakHour;
  private final double noiseSigma;
  private final double burstFactor;
  private final List<long[]> bursts = new ArrayList<>();
  private final RandomGenerator random;
  private long noiseWindow = Long.MIN_VALUE;
  private double noiseLog;

  /** The curve for a run of {@code duration} from {@code startNanos}; bursts are drawn now. */
  public LoadCurve(WorkloadSpec spec, long startNanos, Duration duration, RandomGenerator random) {
    this.random = random;
    baseRate = spec.requestsPerSecond();
    amplitude = spec.dailyAmplitude() == null ? DEFAULT_DAILY_AMPLITUDE : spec.dailyAmplitude();
    peakHour = spec.peakHourUtc() == null ? DEFAULT_PEAK_HOUR : spec.peakHourUtc();
    noiseSigma = spec.noise() == null ? DEFAULT_NOISE : spec.noise();
    burstFactor = spec.burstFactor() == null ? DEFAULT_BURST_FACTOR : spec.burstFactor();
    double burstMinutes = spec.burstMinutes() == null ? DEFAULT_BURST_MINUTES : spec.burstMinutes();
    double expected =
        (spec.burstsPerDay() == null ? 0 : spec.burstsPerDay())
            * duration.toSeconds()
            / SECONDS_PER_DAY;
    int count = (int) expected + (random.nextDouble() < expected - (int) expected ? 1 : 0);
    for (int i = 0; i < count; i++) {
      long start = startNanos + (long) (random.nextDouble() * duration.toNanos());
      long length = (long) (burstMinutes * 60e9 * (0.5 + random.nextDouble()));
      bursts.add(new long[] {start, start + length});
    }
  }

  /**
   * Requests per second at {@code nanos}; call with non-decreasing times (noise evolves forward).
   */
  public double rate(long nanos) {
    long window = Math.floorDiv(nanos, NOISE_WINDOW_NANOS);
    if (window != noiseWindow) {
      noiseWindow = window;
      double innovation =
          noiseSigma * Math.sqrt(1 - NOISE_MEMORY * NOISE_MEMORY) * random.nextGaussian();
      noiseLog = NOISE_MEMORY * noiseLog + innovation;
    }
    double hour = (nanos / NANOS_PER_HOUR) % HOURS_PER_DAY;
    double daily = 1 + amplitude * Math.cos(2 * Math.PI * (hour - peakHour) / HOURS_PER_DAY);
    return baseRate * daily * Math.exp(noiseLog) * burst(nanos);
  }

  private double burst(long nanos) {
    double factor = 1;
    for (long[] burst : bursts) {
      if (nanos >= burst[0] && nanos < burst[1]) {
        double progress = (double) (nanos - burst[0]) / (burst[1] - burst[0]);
        factor = Math.max(factor, 1 + (burstFactor - 1) * Math.sin(Math.PI * progress));
      }
    }
    return factor;
  }
}
