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

  /**
   * Per kept window, its system term against the global profile (NaN: none), when its state has a
   * profile of its own ({@link FailureAnalyzer}: a state refines the global normal, never hides).
   */
  public List<Double> globalSystemScores = new ArrayList<>();

  /**
   * Per kept window, its services' scores against the global profile; null when it had none (most
   * windows: systems with one state), so those windows allocate nothing for it.
   */
  public List<Map<String, Double>> globalServiceScores = new ArrayList<>();

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
    return smoothedRaws(windowEndMs, system, services, Double.NaN, Map.of(), spanMs, keep)[0];
  }

  /**
   * {@link #smoothedRaw} of two tracks at once: the window's scores against its state's profile
   * ({@code system}, {@code services}) and against the global profile ({@code globalSystem}, {@code
   * globalServices}), each averaged over the windows that scored it. Returns both, the state's
   * first; the global one is NaN when nothing in the span scored it.
   */
  public double[] smoothedRaws(
      long windowEndMs,
      double system,
      Map<String, Double> services,
      double globalSystem,
      Map<String, Double> globalServices,
      long spanMs,
      boolean keep) {
    if (spanMs <= 0) {
      return new double[] {
        DetectionMix.largest(system, services), DetectionMix.largest(globalSystem, globalServices)
      };
    }
    // Windows kept before the global track existed (older state) have no entry of it.
    while (globalSystemScores.size() < windowEnds.size()) {
      globalSystemScores.add(0, Double.NaN);
      globalServiceScores.add(0, null);
    }
    for (int i = windowEnds.size() - 1; i >= 0; i--) {
      long end = windowEnds.get(i);
      if (end > windowEndMs || end <= windowEndMs - spanMs) {
        windowEnds.remove(i);
        systemScores.remove(i);
        serviceScores.remove(i);
        globalSystemScores.remove(i);
        globalServiceScores.remove(i);
      }
    }
    double[] raws = new double[2];
    raws[0] = mean(system, services, systemScores, serviceScores);
    raws[1] = mean(globalSystem, globalServices, globalSystemScores, globalServiceScores);
    if (keep) {
      windowEnds.add(windowEndMs);
      systemScores.add(system);
      serviceScores.add(new HashMap<>(services));
      globalSystemScores.add(globalSystem);
      globalServiceScores.add(globalServices.isEmpty() ? null : new HashMap<>(globalServices));
    }
    return raws;
  }

  /** The largest of the system term's and every service's mean over the kept and this window. */
  private static double mean(
      double system,
      Map<String, Double> services,
      List<Double> keptSystem,
      List<Map<String, Double>> keptServices) {
    Map<String, double[]> sums = new HashMap<>();
    double[] systemSum = new double[2];
    add(system, services, sums, systemSum);
    for (int i = 0; i < keptSystem.size(); i++) {
      add(keptSystem.get(i), keptServices.get(i), sums, systemSum);
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
    if (services == null) {
      return;
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
