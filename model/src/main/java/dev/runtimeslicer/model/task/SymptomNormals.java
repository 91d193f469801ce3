package dev.runtimeslicer.model.task;

import java.util.HashMap;
import java.util.Map;

/**
 * The normals of every service's symptoms laid out for the per-window paths: per system and
 * service, the generic normals in {@link FailureSymptoms#GENERIC} order and the metric normals by
 * series name with the symptom groups each series counts in, so a window costs two map lookups per
 * service and one per metric series instead of building a key string and matching names per
 * feature. Immutable.
 */
public final class SymptomNormals {

  /**
   * A metric series' normal, its {@link FailureSymptoms#METRIC_GROUPS} as bits, and its normal per
   * unit of load when it follows its system's load (null otherwise).
   */
  public record MetricNormal(RobustScale scale, int groups, LoadAdjustedNormal loadAdjusted) {}

  /**
   * One service's normals: generic, metric series, and the mean duration of its calls by callee. Do
   * not modify.
   */
  public record OfService(
      RobustScale[] generic, Map<String, MetricNormal> metrics, Map<String, RobustScale> calls) {}

  private static final RobustScale[] NONE = new RobustScale[FailureSymptoms.GENERIC.size()];
  private static final OfService NONE_OF_SERVICE = new OfService(NONE, Map.of(), Map.of());
  private static final String METRIC_PREFIX = PlainFeatures.METRICS + ":";
  private static final String CALL_PREFIX = PlainFeatures.TRACES + ":" + PlainFeatures.CALL_MS_TO;

  private final Map<String, Map<String, OfService>> normals = new HashMap<>();
  private final boolean readsLoad;

  public SymptomNormals(FeatureNormals features) {
    readsLoad = features.loadAdjusted().values().stream().anyMatch(services -> !services.isEmpty());
    features
        .normals()
        .forEach(
            (system, services) -> {
              Map<String, OfService> ofSystem = new HashMap<>();
              services.forEach(
                  (service, byKey) ->
                      ofSystem.put(
                          service, layOut(byKey, features.loadAdjustedOf(system, service))));
              normals.put(system, ofSystem);
            });
  }

  /** One service's normals by {@link PlainFeature#key()} ({@link FeatureNormals#of}), laid out. */
  public static OfService layOut(Map<String, RobustScale> byKey) {
    return layOut(byKey, Map.of());
  }

  /**
   * {@link #layOut(Map)} with the service's load-adjusted normals ({@link
   * FeatureNormals#loadAdjustedOf}).
   */
  public static OfService layOut(
      Map<String, RobustScale> byKey, Map<String, LoadAdjustedNormal> loadAdjusted) {
    RobustScale[] generic = new RobustScale[FailureSymptoms.GENERIC.size()];
    for (int i = 0; i < generic.length; i++) {
      generic[i] = byKey.get(FailureSymptoms.GENERIC.get(i));
    }
    Map<String, MetricNormal> metrics = new HashMap<>();
    Map<String, RobustScale> calls = new HashMap<>();
    byKey.forEach(
        (key, scale) -> {
          if (key.startsWith(METRIC_PREFIX)) {
            String name = key.substring(METRIC_PREFIX.length());
            metrics.put(
                name,
                new MetricNormal(scale, FailureSymptoms.metricGroups(name), loadAdjusted.get(key)));
          } else if (key.startsWith(CALL_PREFIX)) {
            calls.put(key.substring(CALL_PREFIX.length()), scale);
          }
        });
    return new OfService(generic, metrics, calls);
  }

  /**
   * Whether some metric series has a normal per unit of load, so a window's {@link WindowLoad} is
   * worth computing.
   */
  public boolean readsLoad() {
    return readsLoad;
  }

  /**
   * The generic normals of a service; all null (everything counts as normal) when it has none. Do
   * not modify.
   */
  public RobustScale[] of(String system, String service) {
    return service(system, service).generic();
  }

  /** All normals of a service; none (everything counts as normal) when it has none. */
  public OfService service(String system, String service) {
    Map<String, OfService> ofSystem = normals.get(system);
    OfService normal = ofSystem == null ? null : ofSystem.get(service);
    return normal == null ? NONE_OF_SERVICE : normal;
  }
}
