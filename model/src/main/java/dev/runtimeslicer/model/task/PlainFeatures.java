package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.LogSeverity;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
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

  /**
   * Name of a caller's feature "mean ms of its calls to a callee", followed by the callee's name.
   */
  public static final String CALL_MS_TO = "ms per call to ";

  /**
   * Fewest calls to a callee in a window for their mean duration to count: the mean of fewer is
   * mostly sampling noise (with traces sampled at 1–5%, the simulated systems' median is 4 calls
   * per caller, callee and window), and a noisy mean, maxed over every caller, would raise every
   * callee's latency in normal windows.
   */
  public static final long MIN_TIMED_CALLS = 10;

  private static final double MS_PER_SECOND = 1000.0;

  private PlainFeatures() {}

  /** Modality and name of the generic features, in the order {@link #generic} fills them. */
  static final String[][] GENERIC = {
    {TRACES, REQUESTS_PER_SECOND},
    {TRACES, "error ratio"},
    {TRACES, "latency p50 (ms)"},
    {TRACES, "latency p99 (ms)"},
    {TRACES, "outgoing calls/s"},
    {TRACES, "outgoing error ratio"},
    {LOGS, LOGS_PER_SECOND},
    {LOGS, "error logs/s"},
    {LOGS, "warn logs/s"}
  };

  /** Where the log features start in {@link #GENERIC}. */
  private static final int FIRST_LOG = 6;

  /**
   * The generic features every instrumented service has, in {@link #GENERIC} order, into {@code
   * out}: NaN where the window has no spans (trace features) or no log records (log features).
   */
  public static void generic(ServiceSlice service, long windowMs, double[] out) {
    generic(service, windowMs, out, 0);
  }

  /** {@link #generic(ServiceSlice, long, double[])} into {@code out} from {@code offset} on. */
  public static void generic(ServiceSlice service, long windowMs, double[] out, int offset) {
    double seconds = Math.max(1.0, windowMs / MS_PER_SECOND);
    TraceFeatures t = service.traces;
    if (t != null && t.spans > 0) {
      long calls = 0;
      long callErrors = 0;
      for (CallFeatures call : t.callees.values()) {
        calls += call.calls;
        callErrors += call.errors;
      }
      out[offset] = t.requests / seconds;
      out[offset + 1] = t.requests == 0 ? 0 : t.errors / (double) t.requests;
      out[offset + 2] = t.latencyP50Ms;
      out[offset + 3] = t.latencyP99Ms;
      out[offset + 4] = calls / seconds;
      out[offset + 5] = calls == 0 ? 0 : callErrors / (double) calls;
    } else {
      java.util.Arrays.fill(out, offset, offset + FIRST_LOG, Double.NaN);
    }
    LogFeatures logs = service.logs;
    if (logs != null && logs.total > 0) {
      out[offset + 6] = logs.total / seconds;
      out[offset + 7] = (count(logs, LogSeverity.ERROR) + count(logs, LogSeverity.FATAL)) / seconds;
      out[offset + 8] = count(logs, LogSeverity.WARN) / seconds;
    } else {
      java.util.Arrays.fill(out, offset + FIRST_LOG, offset + GENERIC.length, Double.NaN);
    }
  }

  /**
   * Features of one service; {@code maxNamed} bounds metric series, templates and callees taken.
   */
  public static List<PlainFeature> of(ServiceSlice service, long windowMs, int maxNamed) {
    double seconds = Math.max(1.0, windowMs / MS_PER_SECOND);
    List<PlainFeature> out = new ArrayList<>();
    double[] generic = new double[GENERIC.length];
    generic(service, windowMs, generic);
    for (int i = 0; i < GENERIC.length; i++) {
      if (!Double.isNaN(generic[i])) {
        out.add(new PlainFeature(GENERIC[i][0], GENERIC[i][1], generic[i]));
      }
    }
    LogFeatures logs = service.logs;
    if (logs != null && logs.total > 0) {
      int taken = 0;
      for (Map.Entry<String, Long> template : logs.templates.entrySet()) {
        if (taken++ >= maxNamed) {
          break;
        }
        out.add(
            new PlainFeature(
                LOGS, "template/s \"" + template.getKey() + "\"", template.getValue() / seconds));
      }
    }
    TraceFeatures traces = service.traces;
    if (traces != null) {
      int calls = 0;
      for (Map.Entry<String, CallFeatures> call : traces.callees.entrySet()) {
        if (calls++ >= maxNamed) {
          break;
        }
        if (call.getValue().meanMs > 0 && call.getValue().calls >= MIN_TIMED_CALLS) {
          out.add(new PlainFeature(TRACES, CALL_MS_TO + call.getKey(), call.getValue().meanMs));
        }
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
