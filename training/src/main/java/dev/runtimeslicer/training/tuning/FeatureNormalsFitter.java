package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.FeatureNormals;
import dev.runtimeslicer.model.task.LoadAdjustedNormal;
import dev.runtimeslicer.model.task.PlainFeature;
import dev.runtimeslicer.model.task.PlainFeatures;
import dev.runtimeslicer.model.task.RobustScale;
import dev.runtimeslicer.model.task.WindowLoad;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Learns the normal value of every plain feature of every service from normal windows as they
 * stream by, keeping a bounded uniform sample per feature, so a day of windows never has to be held
 * in memory for the medians. The sample is the windows with the smallest seeded hash of their time
 * (bottom-k sampling), so it does not depend on the order the windows arrive in: the slices read
 * back from a parallel job come in a different order on every run.
 */
final class FeatureNormalsFitter {

  /** Values kept per feature: enough for a stable median and MAD. */
  private static final int RESERVOIR = 400;

  /** Spread is at least this share of the median, so steady features do not make noise evidence. */
  private static final double RELATIVE_FLOOR = 0.05;

  private static final double ABSOLUTE_FLOOR = 1e-3;

  /**
   * A series follows load when its log level correlates this much with the log of the window's
   * load; below it, dividing by load would add the load's noise to a series that does not follow
   * it.
   */
  static final double MIN_LOAD_CORRELATION = 0.5;

  /** Sampled windows with a known load a series needs for its elasticity. */
  static final int MIN_LOAD_WINDOWS = 50;

  private static final String METRIC_PREFIX = PlainFeatures.METRICS + ":";
  private static final String REQUESTS_KEY =
      PlainFeatures.TRACES + ":" + PlainFeatures.REQUESTS_PER_SECOND;

  /** The values of the windows with the smallest priorities seen so far, a max-heap on priority. */
  private static final class Reservoir {
    final double[] values = new double[RESERVOIR];
    final long[] priorities = new long[RESERVOIR];
    int size;

    void offer(long priority, double value) {
      if (size < RESERVOIR) {
        int i = size++;
        priorities[i] = priority;
        values[i] = value;
        siftUp(i);
      } else if (Long.compareUnsigned(priority, priorities[0]) < 0) {
        priorities[0] = priority;
        values[0] = value;
        siftDown(0);
      }
    }

    private void siftUp(int i) {
      while (i > 0) {
        int parent = (i - 1) / 2;
        if (Long.compareUnsigned(priorities[parent], priorities[i]) >= 0) {
          return;
        }
        swap(i, parent);
        i = parent;
      }
    }

    private void siftDown(int i) {
      while (true) {
        int largest = i;
        for (int child = 2 * i + 1; child <= 2 * i + 2 && child < size; child++) {
          if (Long.compareUnsigned(priorities[child], priorities[largest]) > 0) {
            largest = child;
          }
        }
        if (largest == i) {
          return;
        }
        swap(i, largest);
        i = largest;
      }
    }

    private void swap(int a, int b) {
      long p = priorities[a];
      priorities[a] = priorities[b];
      priorities[b] = p;
      double v = values[a];
      values[a] = values[b];
      values[b] = v;
    }
  }

  private final Map<String, Map<String, Map<String, Reservoir>>> samples = new HashMap<>();
  private final long seed;
  private final boolean fitLoadAdjusted;

  /** A fitter of the plain normals only ({@link #FeatureNormalsFitter(long, boolean)}). */
  FeatureNormalsFitter(long seed) {
    this(seed, false);
  }

  /**
   * @param fitLoadAdjusted whether to fit normals per unit of load for the metric series that
   *     follow load ({@link LoadAdjustedNormal}); tuning leaves it off for now (docs/evaluation.md,
   *     "Metric series read per unit of load": detection rose on every simulated set, but the
   *     ranking and triage read the same deviation and lost triage on social-network)
   */
  FeatureNormalsFitter(long seed, boolean fitLoadAdjusted) {
    this.seed = seed;
    this.fitLoadAdjusted = fitLoadAdjusted;
  }

  /** Adds the features of a normal window. */
  void add(RuntimeSlice slice) {
    long windowMs = slice.windowEndMs - slice.windowStartMs;
    long priority = priority(slice.system, slice.windowStartMs);
    Map<String, Map<String, Reservoir>> ofSystem =
        samples.computeIfAbsent(slice.system, s -> new HashMap<>());
    for (ServiceSlice service : slice.services) {
      Map<String, Reservoir> ofService =
          ofSystem.computeIfAbsent(service.service, s -> new HashMap<>());
      for (PlainFeature feature :
          PlainFeatures.of(service, windowMs, FailureAnalyzer.NAMED_FEATURES)) {
        ofService
            .computeIfAbsent(feature.key(), k -> new Reservoir())
            .offer(priority, feature.value());
      }
    }
  }

  /**
   * A window's place in the sample: a seeded mix of its system and start (SplitMix64's finalizer).
   */
  private long priority(String system, long windowStartMs) {
    long z = seed + system.hashCode() * 0x9E3779B97F4A7C15L + windowStartMs * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  FeatureNormals fit() {
    Map<String, Map<String, Map<String, RobustScale>>> normals = new TreeMap<>();
    Map<String, Map<String, Map<String, LoadAdjustedNormal>>> loadAdjusted = new TreeMap<>();
    samples.forEach(
        (system, services) -> {
          Map<String, Map<String, RobustScale>> ofSystem = new TreeMap<>();
          services.forEach(
              (service, features) -> {
                Map<String, RobustScale> ofService = new TreeMap<>();
                features.forEach(
                    (key, reservoir) -> {
                      double[] values = java.util.Arrays.copyOf(reservoir.values, reservoir.size);
                      ofService.put(key, RobustScale.of(values, RELATIVE_FLOOR, ABSOLUTE_FLOOR));
                    });
                ofSystem.put(service, ofService);
              });
          normals.put(system, ofSystem);
          if (!fitLoadAdjusted) {
            return;
          }
          Map<Long, Double> loads = loads(services, ofSystem);
          Map<String, Map<String, LoadAdjustedNormal>> adjustedOfSystem = new TreeMap<>();
          services.forEach(
              (service, features) -> {
                Map<String, LoadAdjustedNormal> adjusted = new TreeMap<>();
                features.forEach(
                    (key, reservoir) -> {
                      LoadAdjustedNormal normal =
                          key.startsWith(METRIC_PREFIX) ? loadAdjusted(reservoir, loads) : null;
                      if (normal != null) {
                        adjusted.put(key, normal);
                      }
                    });
                if (!adjusted.isEmpty()) {
                  adjustedOfSystem.put(service, adjusted);
                }
              });
          loadAdjusted.put(system, adjustedOfSystem);
        });
    return new FeatureNormals(normals, loadAdjusted);
  }

  /**
   * Each sampled window's {@link WindowLoad}, by priority: the windows are the same across a
   * system's reservoirs (the same priorities), so a window's request rates are in its services'
   * request reservoirs.
   */
  private static Map<Long, Double> loads(
      Map<String, Map<String, Reservoir>> services, Map<String, Map<String, RobustScale>> normals) {
    Map<Long, double[]> ratios = new HashMap<>();
    Map<Long, Integer> counts = new HashMap<>();
    int serviceCount = services.size();
    services.forEach(
        (service, features) -> {
          Reservoir requests = features.get(REQUESTS_KEY);
          RobustScale normal = normals.get(service).get(REQUESTS_KEY);
          if (requests == null) {
            return;
          }
          for (int i = 0; i < requests.size; i++) {
            double ratio = WindowLoad.ratio(requests.values[i], normal);
            long priority = requests.priorities[i];
            int at = counts.merge(priority, 1, Integer::sum) - 1;
            ratios.computeIfAbsent(priority, p -> new double[serviceCount])[at] = ratio;
          }
        });
    Map<Long, Double> loads = new HashMap<>();
    ratios.forEach(
        (priority, of) -> {
          double load = WindowLoad.ofRatios(of, counts.get(priority));
          if (Double.isFinite(load)) {
            loads.put(priority, load);
          }
        });
    return loads;
  }

  /**
   * The series' normal per unit of load when it follows load: its elasticity is the least-squares
   * slope of log level on log load over the sampled windows with a known load and a positive level,
   * kept (capped at 1) when their correlation is at least {@link #MIN_LOAD_CORRELATION} over at
   * least {@link #MIN_LOAD_WINDOWS} windows; null otherwise.
   */
  private static LoadAdjustedNormal loadAdjusted(Reservoir reservoir, Map<Long, Double> loads) {
    int n = 0;
    double[] x = new double[reservoir.size];
    double[] y = new double[reservoir.size];
    double[] level = new double[reservoir.size];
    double[] load = new double[reservoir.size];
    // In priority order, not the heap's arrival-dependent one, so the sums below round alike.
    Integer[] order = new Integer[reservoir.size];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(
        order, (a, b) -> Long.compareUnsigned(reservoir.priorities[a], reservoir.priorities[b]));
    for (int i : order) {
      Double windowLoad = loads.get(reservoir.priorities[i]);
      double value = reservoir.values[i];
      if (windowLoad != null && value > 0 && Double.isFinite(value)) {
        x[n] = Math.log(windowLoad);
        y[n] = Math.log(value);
        level[n] = value;
        load[n] = windowLoad;
        n++;
      }
    }
    if (n < MIN_LOAD_WINDOWS) {
      return null;
    }
    double meanX = 0;
    double meanY = 0;
    for (int i = 0; i < n; i++) {
      meanX += x[i];
      meanY += y[i];
    }
    meanX /= n;
    meanY /= n;
    double sxx = 0;
    double syy = 0;
    double sxy = 0;
    for (int i = 0; i < n; i++) {
      sxx += (x[i] - meanX) * (x[i] - meanX);
      syy += (y[i] - meanY) * (y[i] - meanY);
      sxy += (x[i] - meanX) * (y[i] - meanY);
    }
    if (!(sxx > 0 && syy > 0) || sxy / Math.sqrt(sxx * syy) < MIN_LOAD_CORRELATION) {
      return null;
    }
    double elasticity = Math.min(1.0, sxy / sxx);
    double[] perLoad = new double[n];
    for (int i = 0; i < n; i++) {
      perLoad[i] = level[i] / Math.pow(load[i], elasticity);
    }
    return new LoadAdjustedNormal(
        elasticity, RobustScale.of(perLoad, RELATIVE_FLOOR, ABSOLUTE_FLOOR));
  }
}
