package dev.runtimeslicer.model.task;

import java.util.Map;

/**
 * Normal values of every service's {@link PlainFeature}s over normal training windows, per system
 * and service, keyed by {@link PlainFeature#key()}: what an alert's evidence compares against.
 * Metric series that follow their system's load also have a normal per unit of load ({@code
 * loadAdjusted}, same keys), which the metric deviation reads.
 */
public record FeatureNormals(
    Map<String, Map<String, Map<String, RobustScale>>> normals,
    Map<String, Map<String, Map<String, LoadAdjustedNormal>>> loadAdjusted) {

  public FeatureNormals {
    normals = Map.copyOf(normals);
    loadAdjusted = loadAdjusted == null ? Map.of() : Map.copyOf(loadAdjusted);
  }

  /** Normals without load-adjusted ones. */
  public FeatureNormals(Map<String, Map<String, Map<String, RobustScale>>> normals) {
    this(normals, Map.of());
  }

  /** The normals of one service, or an empty map. */
  public Map<String, RobustScale> of(String system, String service) {
    return ofService(normals, system, service);
  }

  /** The load-adjusted normals of one service's metric series, or an empty map. */
  public Map<String, LoadAdjustedNormal> loadAdjustedOf(String system, String service) {
    return ofService(loadAdjusted, system, service);
  }

  private static <T> Map<String, T> ofService(
      Map<String, Map<String, Map<String, T>>> bySystem, String system, String service) {
    Map<String, Map<String, T>> ofSystem = bySystem.get(system);
    if (ofSystem == null) {
      return Map.of();
    }
    Map<String, T> ofService = ofSystem.get(service);
    return ofService == null ? Map.of() : ofService;
  }
}
