package dev.runtimeslicer.model.slice;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Everything one service contributed to one pane, aggregated as it arrived. */
final class ServicePane {
  final Set<String> instances = new LinkedHashSet<>();
  final Map<String, MetricStats> metrics = new HashMap<>();
  long spans;
  long requests;
  long requestErrors;
  LatencySketch latency;
  final Map<String, OperationStats> operations = new HashMap<>();
  final Map<String, CallStats> callees = new HashMap<>();

  /** The first failed requests' traces, up to the exemplar bound. */
  final List<String> errorTraceIds = new ArrayList<>();

  /** The slowest requests' traces, up to the exemplar bound. */
  final SlowestTraces slowest = new SlowestTraces();

  final long[] severityCounts = new long[LogSeverity.values().length];
  final Map<Integer, Long> templateCounts = new HashMap<>();

  /**
   * Text of each template right after this pane's last record of it was mined. A window names its
   * templates as its newest pane saw them, not as the miner reads when the window closes: by then
   * the miner may have seen later records, more or fewer depending on how far the job has read.
   */
  final Map<Integer, String> templateTexts = new HashMap<>();

  LatencySketch latency() {
    if (latency == null) {
      latency = new LatencySketch();
    }
    return latency;
  }

  /** Records this service contributed: spans, metric points and log records. */
  long records() {
    long records = spans;
    for (MetricStats stats : metrics.values()) {
      records += stats.count;
    }
    for (long count : severityCounts) {
      records += count;
    }
    return records;
  }

  /**
   * Adds everything {@code from} aggregated. A window merging its panes passes no {@code pane}:
   * only the instance and exemplar bounds hold, since a window may hold more names than one pane. A
   * pane taking a part aggregated elsewhere ({@link PartialPane}) passes itself: every bound of a
   * service in a pane then holds, and what does not fit is counted in its overflow.
   */
  void merge(ServicePane from, SliceSettings settings, SystemPane pane) {
    for (String instance : from.instances) {
      if (instances.size() < settings.maxInstancesPerService() || instances.contains(instance)) {
        instances.add(instance);
      } else if (pane != null) {
        pane.countOverflow("instances", 1);
      }
    }
    boolean bounded = pane != null;
    from.metrics.forEach(
        (name, stats) -> {
          MetricStats into = metrics.get(name);
          if (into == null) {
            if (bounded && metrics.size() >= settings.maxMetricNamesPerService()) {
              pane.countOverflow("metric_names", stats.count);
              return;
            }
            into = new MetricStats();
            metrics.put(name, into);
          }
          into.merge(stats);
        });
    spans += from.spans;
    requests += from.requests;
    requestErrors += from.requestErrors;
    if (from.latency != null) {
      latency().merge(from.latency);
    }
    from.operations.forEach(
        (name, stats) -> {
          OperationStats into = operations.get(name);
          if (into == null) {
            if (bounded && operations.size() >= settings.maxOperationsPerService()) {
              pane.countOverflow("operations", stats.count);
              return;
            }
            into = new OperationStats();
            operations.put(name, into);
          }
          into.merge(stats);
        });
    from.callees.forEach(
        (name, stats) -> {
          CallStats into = callees.get(name);
          if (into == null) {
            if (bounded && callees.size() >= settings.maxCalleesPerService()) {
              pane.countOverflow("callees", stats.calls);
              return;
            }
            into = new CallStats();
            callees.put(name, into);
          }
          into.merge(stats);
        });
    for (String traceId : from.errorTraceIds) {
      if (errorTraceIds.size() < settings.maxExemplarsPerService()
          && !errorTraceIds.contains(traceId)) {
        errorTraceIds.add(traceId);
      }
    }
    slowest.merge(from.slowest, settings.maxExemplarsPerService());
    for (int i = 0; i < severityCounts.length; i++) {
      severityCounts[i] += from.severityCounts[i];
    }
    from.templateCounts.forEach((id, count) -> templateCounts.merge(id, count, Long::sum));
    templateTexts.putAll(from.templateTexts); // the later part's text wins
  }
}
