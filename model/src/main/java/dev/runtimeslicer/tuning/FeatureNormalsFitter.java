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
import java.util.TreeMap;

/**
 * Learns the normal value of every plain feature of every service from normal windows as they
 * stream by, keeping a bounded uniform sample per feature, so a day of windows never has to be
 * held in memory for the medians. The sample is the windows with the smallest seeded hash of
 * their time (bottom-k sampling), so it does not depend on the order the windows arrive in: the
 * slices read back from a parallel job come in a different order on every run.
 */
final class FeatureNormalsFitter {

  /** Values kept per feature: enough for a stable median and MAD. */
  private static final int RESERVOIR = 400;
  /** Spread is at least this share of the median, so steady features do not make noise evidence. */
  private static final double RELATIVE_FLOOR = 0.05;
  private static final double ABSOLUTE_FLOOR = 1e-3;

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

  FeatureNormalsFitter(long seed) {
    this.seed = seed;
  }

  /** Adds the features of a normal window. */
  void add(RuntimeSlice slice) {
    long windowMs = slice.windowEndMs - slice.windowStartMs;
    long priority = priority(slice.system, slice.windowStartMs);
    Map<String, Map<String, Reservoir>> ofSystem = samples.computeIfAbsent(slice.system, s -> new HashMap<>());
    for (ServiceSlice service : slice.services) {
      Map<String, Reservoir> ofService = ofSystem.computeIfAbsent(service.service, s -> new HashMap<>());
      for (PlainFeature feature : PlainFeatures.of(service, windowMs, FailureAnalyzer.NAMED_FEATURES)) {
        ofService.computeIfAbsent(feature.key(), k -> new Reservoir()).offer(priority, feature.value());
      }
    }
  }

  /** A window's place in the sample: a seeded mix of its system and start (SplitMix64's finalizer). */
  private long priority(String system, long windowStartMs) {
    long z = seed + system.hashCode() * 0x9E3779B97F4A7C15L + windowStartMs * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  FeatureNormals fit() {
    Map<String, Map<String, Map<String, RobustScale>>> normals = new TreeMap<>();
    samples.forEach((system, services) -> {
      Map<String, Map<String, RobustScale>> ofSystem = new TreeMap<>();
      services.forEach((service, features) -> {
        Map<String, RobustScale> ofService = new TreeMap<>();
        features.forEach((key, reservoir) -> {
          double[] values = java.util.Arrays.copyOf(reservoir.values, reservoir.size);
          ofService.put(key, RobustScale.of(values, RELATIVE_FLOOR, ABSOLUTE_FLOOR));
        });
        ofSystem.put(service, ofService);
      });
      normals.put(system, ofSystem);
    });
    return new FeatureNormals(normals);
  }
}
