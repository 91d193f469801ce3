package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.Modality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime condition of each window, for retrieval by condition: within its system, a fault type
 * in progress ({@code shop fault:cpu_hog}) or normal at low or high load ({@code shop normal:low},
 * split at the system's median request rate over its normal windows). Windows of different systems
 * are always in different conditions.
 */
final class RuntimeConditions {

  static final String NORMAL_LOW = "normal:low";
  static final String NORMAL_HIGH = "normal:high";

  /** Where a service's request rate sits in its unscaled trace token: log1p(requests / s). */
  private static final int REQUEST_RATE = 0;

  private RuntimeConditions() {}

  /** One condition per window of {@code raw} (unscaled tokens, as {@link TrainingWindows}). */
  static List<String> of(List<Window> raw, FaultWindows faults) {
    Map<String, List<Double>> normalLoads = new HashMap<>();
    double[] loads = new double[raw.size()];
    String[] types = new String[raw.size()];
    for (int i = 0; i < raw.size(); i++) {
      Window window = raw.get(i);
      loads[i] = requestRate(window.features());
      types[i] = faults.type(window);
      if (types[i] == null) {
        normalLoads.computeIfAbsent(window.system(), s -> new ArrayList<>()).add(loads[i]);
      }
    }
    Map<String, Double> medians = new HashMap<>();
    normalLoads.forEach((system, values) -> medians.put(system, median(values)));
    List<String> conditions = new ArrayList<>(raw.size());
    for (int i = 0; i < raw.size(); i++) {
      String system = raw.get(i).system();
      String condition =
          types[i] != null
              ? "fault:" + types[i]
              : loads[i] > medians.get(system) ? NORMAL_HIGH : NORMAL_LOW;
      conditions.add(system + " " + condition);
    }
    return conditions;
  }

  /** The window's requests per second over its services (its unscaled trace tokens). */
  static double requestRate(FeatureBatch features) {
    int width = features.width(Modality.TRACES);
    float[] tokens = features.tokens(Modality.TRACES);
    float[] mask = features.mask(Modality.TRACES);
    double rate = 0;
    for (int slot = 0; slot < features.services(); slot++) {
      if (mask[slot] != 0f) {
        rate += Math.expm1(tokens[slot * width + REQUEST_RATE]);
      }
    }
    return rate;
  }

  private static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
    Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
