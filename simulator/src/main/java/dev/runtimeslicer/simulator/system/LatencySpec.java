package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A latency distribution in milliseconds: either log-normal ({@code medianMs}, {@code sigma}) or
 * empirical ({@code quantilesMs}, equally spaced quantiles from q0 to q1, as learned from traces).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LatencySpec(Double medianMs, Double sigma, List<Double> quantilesMs) {

  /** A log-normal distribution with the given median and shape. */
  public static LatencySpec logNormal(double medianMs, double sigma) {
    return new LatencySpec(medianMs, sigma, null);
  }

  /** An empirical distribution given by equally spaced quantiles (at least two). */
  public static LatencySpec empirical(List<Double> quantilesMs) {
    return new LatencySpec(null, null, List.copyOf(quantilesMs));
  }

  /**
   * Checks that exactly one of the two forms is given; {@code where} names the owner for the
   * message.
   */
  void validate(String where) {
    boolean parametric = medianMs != null;
    boolean empirical = quantilesMs != null;
    if (parametric == empirical) {
      throw new IllegalArgumentException(
          where
              + ": latency needs either medianMs (+ sigma) or quantilesMs, not "
              + (parametric ? "both" : "neither"));
    }
    if (parametric && (medianMs <= 0 || (sigma != null && sigma < 0))) {
      throw new IllegalArgumentException(where + ": latency medianMs must be > 0 and sigma >= 0");
    }
    if (empirical && quantilesMs.size() < 2) {
      throw new IllegalArgumentException(where + ": latency quantilesMs needs at least two values");
    }
  }
}
