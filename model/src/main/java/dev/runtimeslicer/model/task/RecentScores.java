package dev.runtimeslicer.model.task;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One system's window scores (the system term and every service's, see {@link
 * DetectionMix#serviceScores}) of the last smoothing span, for the smoothed raw score: each
 * service's score averaged over the windows that ended within the span, then the largest. A fault
 * keeps deviating the same service window after window; noise tops a different service each window,
 * and a large system always has some service at its normal 99th percentile. Averaging over one
 * minute raised detection F1 on the four evaluation sets, at a longer detection delay
 * (docs/evaluation.md, "How the method got here", 671d8e1). A Flink POJO kept in keyed state by the
 * task heads; the tuner replays it over training windows in time order to calibrate.
 */
public class RecentScores {

  /** End of every kept window, oldest first. */
  public List<Long> windowEnds = new ArrayList<>();

  /** Per kept window, its system term (NaN: none). */
  public List<Double> systemScores = new ArrayList<>();

  /** Per kept window, its services' scores. */
  public List<Map<String, Double>> serviceScores = new ArrayList<>();

  public RecentScores() {}

  /**
   * The smoothed raw score of the window ending at {@code windowEndMs}: the largest of its system
   * term's and every service's mean over the windows ending within {@code spanMs} up to this one
   * (each service over the windows that scored it). With {@code keep} the window is remembered for
   * the next ones; windows ending later than this one are dropped (a replay started over), as are
   * those outside the span. NaN only when nothing in the span has a score.
   *
   * @param spanMs smoothing span; 0: the window's own largest score
   */
  public double smoothedRaw(
      long windowEndMs, double system, Map<String, Double> services, long spanMs, boolean keep) {
    if (spanMs <= 0) {
      return DetectionMix.largest(system, services);
    }
    for (int i = windowEnds.size() - 1; i >= 0; i--) {
      long end = windowEnds.get(i);
      if (end > windowEndMs || end <= windowEndMs - spanMs) {
        windowEnds.remove(i);
        systemScores.remove(i);
        serviceScores.remove(i);
      }
    }
    Map<String, double[]> sums = new HashMap<>();
    double[] systemSum = new double[2];
    add(system, services, sums, systemSum);
    for (int i = 0; i < windowEnds.size(); i++) {
      add(systemScores.get(i), serviceScores.get(i), sums, systemSum);
    }
    if (keep) {
      windowEnds.add(windowEndMs);
      systemScores.add(system);
      serviceScores.add(new HashMap<>(services));
    }
    double raw = systemSum[1] > 0 ? systemSum[0] / systemSum[1] : Double.NaN;
    for (double[] sum : sums.values()) {
      double mean = sum[0] / sum[1];
      raw = Double.isNaN(raw) ? mean : Math.max(raw, mean);
    }
    return raw;
  }

  private static void add(
      double system, Map<String, Double> services, Map<String, double[]> sums, double[] systemSum) {
    if (!Double.isNaN(system)) {
      systemSum[0] += system;
      systemSum[1]++;
    }
    services.forEach(
        (service, score) -> {
          if (!Double.isNaN(score)) {
            double[] sum = sums.computeIfAbsent(service, s -> new double[2]);
            sum[0] += score;
            sum[1]++;
          }
        });
  }
}
