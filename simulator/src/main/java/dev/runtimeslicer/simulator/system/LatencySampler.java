package dev.runtimeslicer.simulator.system;

import java.util.List;
import java.util.random.RandomGenerator;

/** Draws latencies in milliseconds from a {@link LatencySpec}. */
public abstract sealed class LatencySampler {

  /** One draw in milliseconds. */
  public abstract double sampleMs(RandomGenerator random);

  /** The sampler for a spec (validated before). */
  public static LatencySampler of(LatencySpec spec) {
    if (spec.quantilesMs() != null) {
      return new Empirical(spec.quantilesMs());
    }
    return new LogNormal(spec.medianMs(), spec.sigma() == null ? 0.0 : spec.sigma());
  }

  /** Log-normal: median times exp(sigma * standard normal). */
  static final class LogNormal extends LatencySampler {
    private final double median;
    private final double sigma;

    LogNormal(double median, double sigma) {
      this.median = median;
      this.sigma = sigma;
    }

    @Override
    public double sampleMs(RandomGenerator random) {
      return sigma == 0 ? median : median * Math.exp(sigma * random.nextGaussian());
    }
  }

  /** Inverse-CDF sampling with linear interpolation between equally spaced quantiles. */
  static final class Empirical extends LatencySampler {
    private final double[] quantiles;

    Empirical(List<Double> quantilesMs) {
      quantiles = quantilesMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    }

    @Override
    public double sampleMs(RandomGenerator random) {
      double position = random.nextDouble() * (quantiles.length - 1);
      int lower = (int) position;
      if (lower >= quantiles.length - 1) {
        return quantiles[quantiles.length - 1];
      }
      double fraction = position - lower;
      return quantiles[lower] + fraction * (quantiles[lower + 1] - quantiles[lower]);
    }
  }
}
