package dev.runtimeslicer.model.slice;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges the panes of one window (in time order) into a {@link RuntimeSlice}; panes are read, never
 * changed.
 */
public final class SliceAssembler {

  private static final double P50 = 0.50;
  private static final double P90 = 0.90;
  private static final double P99 = 0.99;

  private final SliceSettings settings;

  public SliceAssembler(SliceSettings settings) {
    this.settings = settings;
  }

  /** The slice of {@code system} for [windowStartMs, windowEndMs) from the panes in it. */
  public RuntimeSlice assemble(
      String system,
      long windowStartMs,
      long windowEndMs,
      List<SystemPane> panes,
      TemplateNames templateNames) {
    Map<String, ServicePane> merged = new TreeMap<>();
    SystemPane window = new SystemPane(); // collects window-level overflow
    for (SystemPane pane : panes) {
      pane.overflow.forEach((bound, count) -> window.overflow.merge(bound, count, Long::sum));
      pane.services.forEach(
          (name, service) ->
              merged.computeIfAbsent(name, n -> new ServicePane()).merge(service, settings, null));
    }
    resolveParentLinks(merged, panes, window);

    RuntimeSlice slice = new RuntimeSlice();
    slice.system = system;
    slice.windowStartMs = windowStartMs;
    slice.windowEndMs = windowEndMs;
    slice.overflow = new TreeMap<>(window.overflow);
    merged.forEach(
        (name, service) ->
            slice.services.add(toSlice(name, service, templateNames, windowEndMs - windowStartMs)));
    return slice;
  }

  /**
   * A request whose parent span ran in another service is a call from that service. Spans count at
   * their end and parents end after their children, so a request's own pane and then later ones are
   * probed; the panes' maps are only read, never merged (merging them cost a hash insert per span
   * per window).
   */
  private void resolveParentLinks(
      Map<String, ServicePane> merged, List<SystemPane> panes, SystemPane window) {
    for (int p = 0; p < panes.size(); p++) {
      int requestPane = p;
      panes
          .get(p)
          .linkedRequests
          .forEach(
              (parentSpanId, request) -> {
                SystemPane.LinkedParent caller = null;
                for (int q = requestPane; q < panes.size() && caller == null; q++) {
                  caller = panes.get(q).spanServices.get(parentSpanId);
                }
                for (int q = requestPane - 1; q >= 0 && caller == null; q--) {
                  caller =
                      panes
                          .get(q)
                          .spanServices
                          .get(parentSpanId); // clocks disagree: the parent looks earlier
                }
                if (caller != null && !caller.service().equals(request.service())) {
                  window.addCall(
                      merged.get(caller.service()),
                      request.service(),
                      request.error(),
                      caller.durationMs(),
                      settings);
                }
              });
    }
  }

  private ServiceSlice toSlice(
      String name, ServicePane pane, TemplateNames templateNames, long windowMs) {
    ServiceSlice slice = new ServiceSlice();
    slice.service = name;
    // Sorted: the pane keeps instances in arrival order, which differs between runs when signals
    // interleave differently.
    slice.instances = new ArrayList<>(pane.instances);
    java.util.Collections.sort(slice.instances);
    Map<String, MetricStats> counters = new java.util.HashMap<>();
    pane.metrics.forEach(
        (metric, stats) -> {
          if (CumulativeCounters.isCounterKey(metric)) {
            counters.put(metric, stats);
            return;
          }
          MetricFeatures features = new MetricFeatures();
          features.last = stats.last;
          features.mean = stats.sum / stats.count;
          features.min = stats.min;
          features.max = stats.max;
          features.count = stats.count;
          slice.metrics.put(metric, features);
        });
    if (!counters.isEmpty()) {
      CumulativeCounters.addRates(counters, windowMs, slice.metrics);
    }

    TraceFeatures traces = slice.traces;
    traces.spans = pane.spans;
    traces.requests = pane.requests;
    traces.errors = pane.requestErrors;
    if (pane.latency != null && !pane.latency.isEmpty()) {
      traces.latencyP50Ms = pane.latency.quantile(P50);
      traces.latencyP90Ms = pane.latency.quantile(P90);
      traces.latencyP99Ms = pane.latency.quantile(P99);
    }
    pane.operations.forEach(
        (operation, stats) -> {
          OperationFeatures features = new OperationFeatures();
          features.count = stats.count;
          features.errors = stats.errors;
          features.meanMs = stats.count == 0 ? 0.0 : stats.latencySumMs / stats.count;
          features.maxMs = stats.latencyMaxMs;
          traces.operations.put(operation, features);
        });
    pane.callees.forEach(
        (callee, stats) -> {
          CallFeatures features = new CallFeatures();
          features.calls = stats.calls;
          features.errors = stats.errors;
          features.meanMs = stats.meanMs();
          traces.callees.put(callee, features);
        });
    // failed requests first, then the slowest: what a fault leaves in traces, either way
    Set<String> exemplars = new LinkedHashSet<>(pane.errorTraceIds);
    exemplars.addAll(pane.slowest.traceIdsSlowestFirst());
    traces.exemplarTraceIds = new ArrayList<>(exemplars);

    LogFeatures logs = slice.logs;
    LogSeverity[] severities = LogSeverity.values();
    for (int i = 0; i < severities.length; i++) {
      if (pane.severityCounts[i] > 0) {
        logs.severities.put(severities[i].name(), pane.severityCounts[i]);
        logs.total += pane.severityCounts[i];
      }
    }
    pane.templateCounts.forEach(
        (id, count) -> {
          String text = pane.templateTexts.get(id);
          logs.templates.merge(
              text != null ? text : templateNames.template(name, id), count, Long::sum);
        });
    return slice;
  }
}
