package dev.runtimeslicer.tuning;

import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.slice.ServiceSlice;
import dev.runtimeslicer.task.FailureAnalyzer;
import dev.runtimeslicer.task.FeatureNormals;
import dev.runtimeslicer.task.PlainFeature;
import dev.runtimeslicer.task.PlainFeatures;
import dev.runtimeslicer.task.RobustScale;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Learns the normal value of every plain feature of every service from normal windows as they
 * stream by, keeping a bounded uniform sample per feature (reservoir sampling), so a day of
 * windows never has to be held in memory for the medians.
 */
final class FeatureNormalsFitter {

  /** Values kept per feature: enough for a stable median and MAD. */
  private static final int RESERVOIR = 400;
  /** Spread is at least this share of the median, so steady features do not make noise evidence. */
  private static final double RELATIVE_FLOOR = 0.05;
  private static final double ABSOLUTE_FLOOR = 1e-3;

  private static final class Reservoir {
    final double[] values = new double[RESERVOIR];
    long seen;
  }

  private final Map<String, Map<String, Map<String, Reservoir>>> samples = new HashMap<>();
  private final SplittableRandom random;

  FeatureNormalsFitter(long seed) {
    this.random = new SplittableRandom(seed);
  }

  /** Adds the features of a normal window. */
  void add(RuntimeSlice slice) {
    long windowMs = slice.windowEndMs - slice.windowStartMs;
    Map<String, Map<String, Reservoir>> ofSystem = samples.computeIfAbsent(slice.system, s -> new HashMap<>());
    for (ServiceSlice service : slice.services) {
      Map<String, Reservoir> ofService = ofSystem.computeIfAbsent(service.service, s -> new HashMap<>());
      for (PlainFeature feature : PlainFeatures.of(service, windowMs, FailureAnalyzer.NAMED_FEATURES)) {
        Reservoir reservoir = ofService.computeIfAbsent(feature.key(), k -> new Reservoir());
        long seen = reservoir.seen++;
        if (seen < RESERVOIR) {
          reservoir.values[(int) seen] = feature.value();
        } else {
          long slot = random.nextLong(seen + 1);
          if (slot < RESERVOIR) {
            reservoir.values[(int) slot] = feature.value();
          }
        }
      }
    }
  }

  FeatureNormals fit() {
    Map<String, Map<String, Map<String, RobustScale>>> normals = new TreeMap<>();
    samples.forEach((system, services) -> {
      Map<String, Map<String, RobustScale>> ofSystem = new TreeMap<>();
      services.forEach((service, features) -> {
        Map<String, RobustScale> ofService = new TreeMap<>();
        features.forEach((key, reservoir) -> {
          int n = (int) Math.min(reservoir.seen, RESERVOIR);
          double[] values = java.util.Arrays.copyOf(reservoir.values, n);
          ofService.put(key, RobustScale.of(values, RELATIVE_FLOOR, ABSOLUTE_FLOOR));
        });
        ofSystem.put(service, ofService);
      });
      normals.put(system, ofSystem);
    });
    return new FeatureNormals(normals);
  }
}
