package dev.runtimeslicer.task;

import java.util.Map;

/**
 * Normal values of every service's {@link PlainFeature}s over normal training windows, per system
 * and service, keyed by {@link PlainFeature#key()}: what an alert's evidence compares against.
 */
public record FeatureNormals(Map<String, Map<String, Map<String, RobustScale>>> normals) {

  public FeatureNormals {
    normals = Map.copyOf(normals);
  }

  /** The normals of one service, or an empty map. */
  public Map<String, RobustScale> of(String system, String service) {
    Map<String, Map<String, RobustScale>> ofSystem = normals.get(system);
    if (ofSystem == null) {
      return Map.of();
    }
    Map<String, RobustScale> ofService = ofSystem.get(service);
    return ofService == null ? Map.of() : ofService;
  }
}
