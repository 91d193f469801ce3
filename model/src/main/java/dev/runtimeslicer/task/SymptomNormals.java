package dev.runtimeslicer.task;

import java.util.HashMap;
import java.util.Map;

/**
 * The normals of every service's generic symptoms laid out for the per-window severity: one array
 * per system and service, in {@link FailureSymptoms#GENERIC} order, so a window costs two map
 * lookups per service instead of one string lookup per feature. Immutable.
 */
public final class SymptomNormals {

  private static final RobustScale[] NONE = new RobustScale[FailureSymptoms.GENERIC.size()];

  private final Map<String, Map<String, RobustScale[]>> normals = new HashMap<>();

  public SymptomNormals(FeatureNormals features) {
    features.normals().forEach((system, services) -> {
      Map<String, RobustScale[]> ofSystem = new HashMap<>();
      services.forEach((service, byKey) -> {
        RobustScale[] generic = new RobustScale[FailureSymptoms.GENERIC.size()];
        for (int i = 0; i < generic.length; i++) {
          generic[i] = byKey.get(FailureSymptoms.GENERIC.get(i));
        }
        ofSystem.put(service, generic);
      });
      normals.put(system, ofSystem);
    });
  }

  /** The generic normals of a service; all null (everything counts as normal) when it has none. Do not modify. */
  public RobustScale[] of(String system, String service) {
    Map<String, RobustScale[]> ofSystem = normals.get(system);
    RobustScale[] generic = ofSystem == null ? null : ofSystem.get(service);
    return generic == null ? NONE : generic;
  }
}
