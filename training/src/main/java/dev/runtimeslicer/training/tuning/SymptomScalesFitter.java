package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.task.RobustScale;
import dev.runtimeslicer.model.task.SymptomScales;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits {@link SymptomScales} on each system's earlier normal windows (the later ones calibrate the
 * score, which must see symptom deviations of windows the scales did not come from).
 */
final class SymptomScalesFitter {

  private SymptomScalesFitter() {}

  /**
   * @param normal normal windows with symptoms, sorted by system and time
   */
  static SymptomScales fit(List<EmbeddedWindow> normal, double calibrationShare) {
    return fit(normal, calibrationShare, false);
  }

  /**
   * @param fromBody each scale capped at what its body predicts ({@link
   *     RobustScale#bodyCappedQuantile})
   */
  static SymptomScales fit(List<EmbeddedWindow> normal, double calibrationShare, boolean fromBody) {
    Map<String, List<EmbeddedWindow>> bySystem = new TreeMap<>();
    for (EmbeddedWindow window : normal) {
      bySystem.computeIfAbsent(window.system(), s -> new ArrayList<>()).add(window);
    }
    Map<String, Map<String, Double>> scales = new TreeMap<>();
    Map<String, Map<String, Double>> metricScales = new TreeMap<>();
    bySystem.forEach(
        (system, windows) -> {
          int cut = Math.max(1, (int) Math.round(windows.size() * (1 - calibrationShare)));
          Map<String, List<Float>> severities = new TreeMap<>();
          Map<String, List<Float>> metrics = new TreeMap<>();
          for (EmbeddedWindow window : windows.subList(0, Math.min(cut, windows.size()))) {
            if (window.symptoms() != null) {
              collect(window.symptoms().severities(), severities);
              collect(window.symptoms().metrics(), metrics);
            }
          }
          scales.put(system, quantiles(severities, fromBody));
          metricScales.put(system, quantiles(metrics, fromBody));
        });
    return new SymptomScales(scales, metricScales);
  }

  private static void collect(Map<String, Float> values, Map<String, List<Float>> byService) {
    values.forEach(
        (service, value) -> byService.computeIfAbsent(service, s -> new ArrayList<>()).add(value));
  }

  /**
   * Per service its values' {@link SymptomScales#QUANTILE}, at least {@link
   * SymptomScales#MIN_SCALE}.
   */
  private static Map<String, Double> quantiles(
      Map<String, List<Float>> byService, boolean fromBody) {
    Map<String, Double> out = new TreeMap<>();
    byService.forEach(
        (service, values) -> {
          double[] sorted = values.stream().mapToDouble(Float::doubleValue).sorted().toArray();
          double quantile =
              fromBody
                  ? RobustScale.bodyCappedQuantile(
                      sorted, SymptomScales.QUANTILE, ProfileFitter.BODY_TOP)
                  : RobustScale.quantile(sorted, SymptomScales.QUANTILE);
          out.put(service, Math.max(SymptomScales.MIN_SCALE, quantile));
        });
    return out;
  }
}
