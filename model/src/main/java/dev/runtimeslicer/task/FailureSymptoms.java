package dev.runtimeslicer.task;

import dev.runtimeslicer.slice.MetricFeatures;
import dev.runtimeslicer.slice.ServiceSlice;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A service's symptoms in one window, named the same in every system: its request rate, error
 * shares, latency and log severities, and its metric series grouped by what the OpenTelemetry
 * semantic conventions call them (cpu, memory, restarts, network, database), each as a clipped
 * robust z against the service's normal. A fault type shows as a pattern of symptoms whichever
 * service it hits, which an embedding shift (also telling the service apart) cannot say from two
 * or three incidents per type.
 */
public final class FailureSymptoms {

  /** Plain features every instrumented service has, by {@link PlainFeature#key()}. */
  static final List<String> GENERIC = List.of(
      PlainFeatures.TRACES + ":" + PlainFeatures.REQUESTS_PER_SECOND, PlainFeatures.TRACES + ":error ratio",
      PlainFeatures.TRACES + ":latency p50 (ms)", PlainFeatures.TRACES + ":latency p99 (ms)",
      PlainFeatures.TRACES + ":outgoing calls/s", PlainFeatures.TRACES + ":outgoing error ratio",
      PlainFeatures.LOGS + ":" + PlainFeatures.LOGS_PER_SECOND, PlainFeatures.LOGS + ":error logs/s",
      PlainFeatures.LOGS + ":warn logs/s");
  /** Metric groups by name fragments of the semantic conventions; a series counts in every group it names. */
  static final List<List<String>> METRIC_GROUPS = List.of(
      List.of("cpu"), List.of("memory", "heap", ".gc"), List.of("restart"),
      List.of("network", "packet", "retransmit"), List.of("db.", "database", "redis", "sql"));
  /** Larger deviations say nothing more about the kind of failure. */
  static final double CLIP = 6.0;
  /** Generic features, metric groups and the absent flag. */
  public static final int WIDTH = GENERIC.size() + METRIC_GROUPS.size() + 1;

  private FailureSymptoms() {}

  /**
   * @param service the service's slice, or null when it sent nothing (absent)
   * @param normals the service's normals ({@link FeatureNormals#of}); features without one count as normal
   */
  public static float[] of(ServiceSlice service, long windowMs, Map<String, RobustScale> normals) {
    float[] out = new float[WIDTH];
    if (service == null) {
      out[WIDTH - 1] = 1;
      return out;
    }
    RobustScale[] generic = new RobustScale[GENERIC.size()];
    for (int i = 0; i < generic.length; i++) {
      generic[i] = normals.get(GENERIC.get(i));
      // A rate or share the window does not carry (no traces, no logs) is zero.
      out[i] = generic[i] == null ? 0 : squash(generic[i].z(0));
    }
    for (PlainFeature feature : PlainFeatures.of(service, windowMs, 0)) {
      int i = GENERIC.indexOf(feature.key());
      if (i >= 0 && generic[i] != null) {
        out[i] = squash(generic[i].z(feature.value()));
      }
    }
    for (Map.Entry<String, MetricFeatures> metric : service.metrics.entrySet()) {
      RobustScale normal = normals.get(PlainFeatures.METRICS + ":" + metric.getKey());
      if (normal == null || !Double.isFinite(metric.getValue().mean)) {
        continue;
      }
      float z = squash(normal.z(metric.getValue().mean));
      String name = metric.getKey().toLowerCase(Locale.ROOT);
      for (int g = 0; g < METRIC_GROUPS.size(); g++) {
        int at = GENERIC.size() + g;
        if (Math.abs(z) > Math.abs(out[at]) && METRIC_GROUPS.get(g).stream().anyMatch(name::contains)) {
          out[at] = z;
        }
      }
    }
    return out;
  }

  private static float squash(double z) {
    return (float) (Math.max(-CLIP, Math.min(CLIP, z)) / CLIP);
  }
}
