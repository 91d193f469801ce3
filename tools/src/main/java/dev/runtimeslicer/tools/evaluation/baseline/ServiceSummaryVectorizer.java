package dev.runtimeslicer.tools.evaluation.baseline;

import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.LogSeverity;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.commons.math3.stat.descriptive.SummaryStatistics;

/**
 * Turns one system's runtime slices into fixed-length vectors: the same name-independent summaries
 * ({@link #SUMMARIES}) for each service of a list fixed at training time, in that list's order. A
 * service missing from a window contributes zeros; a service unseen in training is ignored.
 */
public final class ServiceSummaryVectorizer {

  /** The per-service summaries, in vector order. */
  public static final List<String> SUMMARIES =
      List.of(
          "log1p requests/s",
          "error ratio",
          "log1p latency p50 ms",
          "log1p latency p99 ms",
          "log1p log records/s",
          "error-log share",
          "log1p instances",
          "log1p metric series",
          "metric max |z|",
          "metric mean |z|");

  // One runaway series (a counter, a constant that moved) must not dwarf every other dimension.
  private static final double MAX_METRIC_Z = 10;
  // A metric constant in training gets a scale of 1% of its level, so a small move is not infinite.
  private static final double MIN_RELATIVE_SCALE = 0.01;
  private static final double MIN_SCALE = 1e-9;
  private static final double MS_PER_SECOND = 1_000.0;

  private final List<String> services;
  private final Map<String, Integer> serviceIndex = new HashMap<>();

  /** Per service and metric series: training mean and scale of the series' window mean. */
  private final Map<String, Map<String, double[]>> metricLevels;

  private ServiceSummaryVectorizer(
      List<String> services, Map<String, Map<String, double[]>> metricLevels) {
    this.services = List.copyOf(services);
    for (int i = 0; i < this.services.size(); i++) {
      serviceIndex.put(this.services.get(i), i);
    }
    this.metricLevels = metricLevels;
  }

  /**
   * Fixes the service list (every service seen in {@code training}, by name) and each metric
   * series' training level.
   */
  public static ServiceSummaryVectorizer fit(List<RuntimeSlice> training) {
    TreeSet<String> names = new TreeSet<>();
    Map<String, Map<String, SummaryStatistics>> series = new HashMap<>();
    for (RuntimeSlice slice : training) {
      for (ServiceSlice service : slice.services) {
        names.add(service.service);
        Map<String, SummaryStatistics> ofService =
            series.computeIfAbsent(service.service, s -> new HashMap<>());
        service.metrics.forEach(
            (name, metric) ->
                ofService
                    .computeIfAbsent(name, n -> new SummaryStatistics())
                    .addValue(metric.mean));
      }
    }
    Map<String, Map<String, double[]>> levels = new HashMap<>();
    series.forEach(
        (service, ofService) -> {
          Map<String, double[]> serviceLevels = new HashMap<>();
          ofService.forEach(
              (name, stats) -> {
                double mean = stats.getMean();
                double scale =
                    Math.max(
                        stats.getStandardDeviation(),
                        Math.max(MIN_RELATIVE_SCALE * Math.abs(mean), MIN_SCALE));
                serviceLevels.put(name, new double[] {mean, scale});
              });
          levels.put(service, serviceLevels);
        });
    return new ServiceSummaryVectorizer(new ArrayList<>(names), levels);
  }

  /** The services of the vector, in vector order. */
  public List<String> services() {
    return services;
  }

  /** Length of every vector: services times summaries. */
  public int dimensions() {
    return services.size() * SUMMARIES.size();
  }

  /** Index in {@link #services()} of the service that {@code dimension} describes. */
  public int serviceOf(int dimension) {
    return dimension / SUMMARIES.size();
  }

  /** The vector of one window. */
  public double[] vector(RuntimeSlice slice) {
    double[] vector = new double[dimensions()];
    double seconds = Math.max(1, slice.windowEndMs - slice.windowStartMs) / MS_PER_SECOND;
    for (ServiceSlice service : slice.services) {
      Integer index = serviceIndex.get(service.service);
      if (index != null) {
        summarize(service, seconds, vector, index * SUMMARIES.size());
      }
    }
    return vector;
  }

  private void summarize(ServiceSlice service, double seconds, double[] out, int at) {
    TraceFeatures traces = service.traces;
    LogFeatures logs = service.logs;
    out[at] = Math.log1p(traces.requests / seconds);
    out[at + 1] = traces.requests == 0 ? 0 : Math.min(1, traces.errors / (double) traces.requests);
    out[at + 2] = Math.log1p(Math.max(0, traces.latencyP50Ms));
    out[at + 3] = Math.log1p(Math.max(0, traces.latencyP99Ms));
    out[at + 4] = Math.log1p(logs.total / seconds);
    long errorLogs =
        logs.severities.getOrDefault(LogSeverity.ERROR.name(), 0L)
            + logs.severities.getOrDefault(LogSeverity.FATAL.name(), 0L);
    out[at + 5] = logs.total == 0 ? 0 : Math.min(1, errorLogs / (double) logs.total);
    out[at + 6] = Math.log1p(service.instances.size());
    out[at + 7] = Math.log1p(service.metrics.size());
    Map<String, double[]> levels = metricLevels.getOrDefault(service.service, Map.of());
    double maxZ = 0;
    double sumZ = 0;
    int known = 0;
    for (Map.Entry<String, MetricFeatures> metric : service.metrics.entrySet()) {
      double[] level = levels.get(metric.getKey());
      if (level != null && Double.isFinite(metric.getValue().mean)) {
        double z = Math.min(MAX_METRIC_Z, Math.abs(metric.getValue().mean - level[0]) / level[1]);
        maxZ = Math.max(maxZ, z);
        sumZ += z;
        known++;
      }
    }
    out[at + 8] = maxZ;
    out[at + 9] = known == 0 ? 0 : sumZ / known;
  }
}
