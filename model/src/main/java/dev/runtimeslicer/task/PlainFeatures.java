package dev.runtimeslicer.task;

import dev.runtimeslicer.slice.CallFeatures;
import dev.runtimeslicer.slice.LogFeatures;
import dev.runtimeslicer.slice.LogSeverity;
import dev.runtimeslicer.slice.MetricFeatures;
import dev.runtimeslicer.slice.ServiceSlice;
import dev.runtimeslicer.slice.TraceFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The features an alert's evidence speaks of, read off a service's slice in plain units: request
 * and log rates, error shares, latency quantiles, metric series means and log template rates.
 */
public final class PlainFeatures {

  public static final String METRICS = "metrics";
  public static final String TRACES = "traces";
  public static final String LOGS = "logs";
  public static final String REQUESTS_PER_SECOND = "requests/s";
  public static final String LOGS_PER_SECOND = "logs/s";
  private static final double MS_PER_SECOND = 1000.0;

  private PlainFeatures() {}

  /** Features of one service; {@code maxNamed} bounds metric series and templates taken. */
  public static List<PlainFeature> of(ServiceSlice service, long windowMs, int maxNamed) {
    double seconds = Math.max(1.0, windowMs / MS_PER_SECOND);
    List<PlainFeature> out = new ArrayList<>();
    TraceFeatures t = service.traces;
    if (t != null && t.spans > 0) {
      long calls = 0;
      long callErrors = 0;
      for (CallFeatures call : t.callees.values()) {
        calls += call.calls;
        callErrors += call.errors;
      }
      out.add(new PlainFeature(TRACES, REQUESTS_PER_SECOND, t.requests / seconds));
      out.add(new PlainFeature(TRACES, "error ratio", t.requests == 0 ? 0 : t.errors / (double) t.requests));
      out.add(new PlainFeature(TRACES, "latency p50 (ms)", t.latencyP50Ms));
      out.add(new PlainFeature(TRACES, "latency p99 (ms)", t.latencyP99Ms));
      out.add(new PlainFeature(TRACES, "outgoing calls/s", calls / seconds));
      out.add(new PlainFeature(TRACES, "outgoing error ratio", calls == 0 ? 0 : callErrors / (double) calls));
    }
    LogFeatures logs = service.logs;
    if (logs != null && logs.total > 0) {
      long errors = count(logs, LogSeverity.ERROR) + count(logs, LogSeverity.FATAL);
      out.add(new PlainFeature(LOGS, LOGS_PER_SECOND, logs.total / seconds));
      out.add(new PlainFeature(LOGS, "error logs/s", errors / seconds));
      out.add(new PlainFeature(LOGS, "warn logs/s", count(logs, LogSeverity.WARN) / seconds));
      int taken = 0;
      for (Map.Entry<String, Long> template : logs.templates.entrySet()) {
        if (taken++ >= maxNamed) {
          break;
        }
        out.add(new PlainFeature(LOGS, "template/s \"" + template.getKey() + "\"", template.getValue() / seconds));
      }
    }
    int taken = 0;
    for (Map.Entry<String, MetricFeatures> metric : service.metrics.entrySet()) {
      if (taken++ >= maxNamed) {
        break;
      }
      double mean = metric.getValue().mean;
      if (Double.isFinite(mean)) {
        out.add(new PlainFeature(METRICS, metric.getKey(), mean));
      }
    }
    return out;
  }

  private static long count(LogFeatures logs, LogSeverity severity) {
    Long count = logs.severities.get(severity.name());
    return count == null ? 0 : count;
  }
}
