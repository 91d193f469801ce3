package dev.runtimeslicer.simulator.learn;

import dev.runtimeslicer.simulator.learn.CallOrder.Observed;
import dev.runtimeslicer.simulator.learn.TraceSet.CallRecord;
import dev.runtimeslicer.simulator.learn.TraceSet.Invocation;
import dev.runtimeslicer.simulator.system.CallSpec;
import dev.runtimeslicer.simulator.system.EntrySpec;
import dev.runtimeslicer.simulator.system.LatencySpec;
import dev.runtimeslicer.simulator.system.NodeSpec;
import dev.runtimeslicer.simulator.system.OperationSpec;
import dev.runtimeslicer.simulator.system.ServiceSpec;
import dev.runtimeslicer.simulator.system.SystemDefaults;
import dev.runtimeslicer.simulator.system.SystemModel;
import dev.runtimeslicer.simulator.system.WorkloadSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fits a system model from recorded traces, as a graphical causal model of the call graph:
 * services, replicas and nodes from resources; operations from server spans; per-edge call
 * probabilities and call order (sequential steps, parallel groups) from client spans; each
 * operation's own-time distribution (its duration minus the time covered by its calls) as empirical
 * quantiles; intrinsic error rates; network latency; the entry mix and rate from roots. The result
 * is an ordinary system file the simulator can run.
 */
public final class TraceLearner {

  /** Own-time distributions keep this many equally spaced quantiles (every percentile). */
  private static final int QUANTILES = 101;

  private static final double NANOS_PER_MILLI = 1e6;

  /** A log-normal's sigma is half the log distance between its 16th and 84th percentiles. */
  private static final double LOW_SIGMA_QUANTILE = 0.16;

  private static final double HIGH_SIGMA_QUANTILE = 0.84;
  private static final double MIN_OWN_MS = 0.001;

  private TraceLearner() {}

  /** Learns from the trace files under {@code input}. */
  public static SystemModel learn(Path input, String name) {
    return learn(TraceSet.read(input), name);
  }

  /** Learns from a trace set; {@code name} becomes the system name. */
  public static SystemModel learn(TraceSet traces, String name) {
    if (traces.size() == 0) {
      throw new IllegalArgumentException("no traces to learn from");
    }
    Map<String, ServiceFacts> services = new LinkedHashMap<>();
    Map<String, OperationFacts> operations = new LinkedHashMap<>();
    Map<String, Integer> roots = new LinkedHashMap<>();
    Set<String> nodes = new LinkedHashSet<>();
    List<Double> networkMs = new ArrayList<>();

    for (Invocation invocation : traces.invocations()) {
      SpanRecord server = invocation.server();
      ServiceFacts service = services.computeIfAbsent(server.service(), ServiceFacts::new);
      service.observe(server);
      nodes.add(server.node());
      OperationFacts operation =
          operations.computeIfAbsent(server.operationRef(), ref -> new OperationFacts());
      service.operations.add(server.name());
      if (server.isRoot()) {
        roots.merge(server.operationRef(), 1, Integer::sum);
      }
      operation.observe(invocation);
      for (CallRecord call : invocation.calls()) {
        if (call.callee() != null && !call.client().failed()) {
          // Half the round trip: one-way times compare two hosts' clocks, which NTP leaves
          // milliseconds apart, while both durations are each read on one host's clock.
          networkMs.add(
              (call.client().durationNanos() - call.callee().durationNanos())
                  / 2.0
                  / NANOS_PER_MILLI);
        }
      }
    }

    List<ServiceSpec> serviceSpecs = new ArrayList<>();
    for (ServiceFacts service : services.values()) {
      List<OperationSpec> ops = new ArrayList<>();
      for (String op : service.operations) {
        ops.add(operations.get(service.name + "/" + op).toSpec(op));
      }
      boolean entry = roots.keySet().stream().anyMatch(ref -> ref.startsWith(service.name + "/"));
      serviceSpecs.add(
          new ServiceSpec(
              service.name,
              service.protocol,
              service.kind(entry),
              service.dbSystem,
              service.instances.size(),
              entry ? Boolean.TRUE : null,
              null,
              ops));
    }
    List<EntrySpec> mix = new ArrayList<>();
    roots.forEach((ref, count) -> mix.add(new EntrySpec(ref, count)));
    double rate =
        roots.values().stream().mapToInt(Integer::intValue).sum()
            / Math.max(1.0, traces.observedSeconds());
    WorkloadSpec workload = new WorkloadSpec(rate, 1.0, 0.0, null, 0.0, 0.0, null, null, mix);
    SystemDefaults defaults =
        new SystemDefaults(
            SystemDefaults.FALLBACK.timeoutMs(),
            SystemDefaults.FALLBACK.retries(),
            logNormalFit(networkMs),
            null);
    List<NodeSpec> nodeSpecs =
        nodes.stream()
            .filter(node -> node != null)
            .map(node -> new NodeSpec(node, 16, 64))
            .toList();
    return new SystemModel(
        name,
        "Learned from "
            + traces.size()
            + " traces over "
            + Math.round(traces.observedSeconds())
            + " s",
        defaults,
        nodeSpecs,
        workload,
        serviceSpecs);
  }

  /** A log-normal matched to the median and the 16th/84th percentiles of the samples. */
  private static LatencySpec logNormalFit(List<Double> samplesMs) {
    if (samplesMs.isEmpty()) {
      return SystemDefaults.FALLBACK.networkLatency();
    }
    double[] sorted =
        samplesMs.stream().mapToDouble(value -> Math.max(MIN_OWN_MS, value)).sorted().toArray();
    double median = quantile(sorted, 0.5);
    double sigma =
        (Math.log(quantile(sorted, HIGH_SIGMA_QUANTILE))
                - Math.log(quantile(sorted, LOW_SIGMA_QUANTILE)))
            / 2;
    return LatencySpec.logNormal(median, Math.max(0, sigma));
  }

  private static double quantile(double[] sorted, double q) {
    double position = q * (sorted.length - 1);
    int lower = (int) position;
    int upper = Math.min(sorted.length - 1, lower + 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }

  /** What was seen of one service. */
  private static final class ServiceFacts {
    final String name;
    final Set<String> instances = new LinkedHashSet<>();
    final Set<String> operations = new LinkedHashSet<>();
    String protocol = "http";
    String dbSystem;

    ServiceFacts(String name) {
      this.name = name;
    }

    void observe(SpanRecord server) {
      instances.add(server.instance());
      protocol = server.protocol();
      if (server.dbSystem() != null) {
        dbSystem = server.dbSystem();
      }
    }

    String kind(boolean entry) {
      if ("db".equals(protocol)) {
        return "redis".equals(dbSystem) || "memcached".equals(dbSystem) ? "cache" : "database";
      }
      return entry && "http".equals(protocol) ? "gateway" : "service";
    }
  }

  /** What was seen of one operation. */
  private static final class OperationFacts {
    final List<Double> ownMs = new ArrayList<>();
    final CallOrder order = new CallOrder();
    final Set<String> toleratedFailures = new HashSet<>();
    int invocations;
    int successful;
    int intrinsicFailures;

    void observe(Invocation invocation) {
      invocations++;
      SpanRecord server = invocation.server();
      boolean childFailed = invocation.calls().stream().anyMatch(call -> call.client().failed());
      if (server.failed()) {
        if (!childFailed) {
          intrinsicFailures++;
        }
        return;
      }
      successful++;
      List<Observed> firstAttempts = new ArrayList<>();
      Set<String> seen = new HashSet<>();
      long[][] intervals = new long[invocation.calls().size()][];
      int count = 0;
      for (CallRecord call : invocation.calls()) {
        intervals[count++] = new long[] {call.client().startNanos(), call.client().endNanos()};
        if (call.client().failed()) {
          toleratedFailures.add(call.targetRef());
        }
        if (seen.add(call.targetRef())) {
          firstAttempts.add(
              new Observed(call.targetRef(), call.client().startNanos(), call.client().endNanos()));
        }
      }
      order.add(server.startNanos(), server.endNanos(), firstAttempts);
      double own = (server.durationNanos() - covered(intervals, count)) / NANOS_PER_MILLI;
      ownMs.add(Math.max(MIN_OWN_MS, own));
    }

    /** Total length of the union of the intervals. */
    private static long covered(long[][] intervals, int count) {
      long[][] sorted = Arrays.copyOf(intervals, count);
      Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
      long total = 0;
      long currentStart = Long.MIN_VALUE;
      long currentEnd = Long.MIN_VALUE;
      for (long[] interval : sorted) {
        if (interval[0] > currentEnd) {
          total += currentEnd - currentStart;
          currentStart = interval[0];
          currentEnd = interval[1];
        } else {
          currentEnd = Math.max(currentEnd, interval[1]);
        }
      }
      return total + (currentEnd - currentStart);
    }

    OperationSpec toSpec(String name) {
      double[] sorted = ownMs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
      if (sorted.length == 0) {
        sorted = new double[] {MIN_OWN_MS};
      }
      List<Double> quantiles = new ArrayList<>(QUANTILES);
      for (int i = 0; i < QUANTILES; i++) {
        quantiles.add(quantile(sorted, i / (double) (QUANTILES - 1)));
      }
      List<List<CallSpec>> steps = new ArrayList<>();
      for (List<String> step : order.steps()) {
        List<CallSpec> calls = new ArrayList<>();
        for (String target : step) {
          double p = Math.min(1.0, order.occurrences().get(target) / (double) successful);
          calls.add(
              new CallSpec(
                  target, p, null, null, toleratedFailures.contains(target) ? Boolean.TRUE : null));
        }
        steps.add(calls);
      }
      double errorRate = invocations == 0 ? 0 : intrinsicFailures / (double) invocations;
      return new OperationSpec(
          name,
          LatencySpec.empirical(quantiles),
          errorRate,
          null,
          null,
          steps.isEmpty() ? null : steps);
    }
  }
}
