package dev.runtimeslicer.tuning;

import dev.runtimeslicer.task.RobustScale;
import dev.runtimeslicer.task.SymptomScales;
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

  /** @param normal normal windows with severities, sorted by system and time */
  static SymptomScales fit(List<EmbeddedWindow> normal, double calibrationShare) {
    Map<String, List<EmbeddedWindow>> bySystem = new TreeMap<>();
    for (EmbeddedWindow window : normal) {
      bySystem.computeIfAbsent(window.system(), s -> new ArrayList<>()).add(window);
    }
    Map<String, Map<String, Double>> scales = new TreeMap<>();
    bySystem.forEach((system, windows) -> {
      int cut = Math.max(1, (int) Math.round(windows.size() * (1 - calibrationShare)));
      Map<String, List<Float>> byService = new TreeMap<>();
      for (EmbeddedWindow window : windows.subList(0, Math.min(cut, windows.size()))) {
        if (window.severities() != null) {
          window.severities().forEach((service, severity) -> byService.computeIfAbsent(service, s -> new ArrayList<>()).add(severity));
        }
      }
      Map<String, Double> ofSystem = new TreeMap<>();
      byService.forEach((service, values) -> {
        double[] sorted = values.stream().mapToDouble(Float::doubleValue).sorted().toArray();
        ofSystem.put(service, Math.max(SymptomScales.MIN_SCALE, RobustScale.quantile(sorted, SymptomScales.QUANTILE)));
      });
      scales.put(system, ofSystem);
    });
    return new SymptomScales(scales);
  }
}
