package dev.runtimeslicer.simulator.learn;

import dev.runtimeslicer.simulator.learn.TraceSet.CallRecord;
import dev.runtimeslicer.simulator.learn.TraceSet.Invocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Observable statistics of a trace set used to compare two systems: per call-graph edge, the share
 * of successful caller invocations that call the callee; per operation, server span durations.
 */
public final class TraceStatistics {

  private final Map<String, Integer> successfulInvocations = new TreeMap<>();
  private final Map<String, Map<String, Integer>> edgeCounts = new TreeMap<>();
  private final Map<String, List<Double>> durationsMs = new TreeMap<>();

  /** Statistics of the traces. */
  public TraceStatistics(TraceSet traces) {
    for (Invocation invocation : traces.invocations()) {
      String parent = invocation.server().operationRef();
      durationsMs
          .computeIfAbsent(parent, key -> new ArrayList<>())
          .add(invocation.server().durationNanos() / 1e6);
      if (invocation.server().failed()) {
        // Failing operations stop early, so they would bias call probabilities downwards.
        continue;
      }
      successfulInvocations.merge(parent, 1, Integer::sum);
      Set<String> called = new HashSet<>();
      for (CallRecord call : invocation.calls()) {
        called.add(call.targetRef());
      }
      Map<String, Integer> counts = edgeCounts.computeIfAbsent(parent, key -> new TreeMap<>());
      for (String target : called) {
        counts.merge(target, 1, Integer::sum);
      }
    }
  }

  /** Operations ("service/operation") seen as server spans. */
  public Set<String> operations() {
    return durationsMs.keySet();
  }

  /** Successful invocations of an operation. */
  public int invocations(String operation) {
    return successfulInvocations.getOrDefault(operation, 0);
  }

  /** Callees of an operation. */
  public Set<String> callees(String operation) {
    return edgeCounts.getOrDefault(operation, Map.of()).keySet();
  }

  /** Share of successful invocations of {@code parent} that called {@code target}. */
  public double callProbability(String parent, String target) {
    int invocations = invocations(parent);
    return invocations == 0
        ? 0
        : edgeCounts.getOrDefault(parent, Map.of()).getOrDefault(target, 0) / (double) invocations;
  }

  /** Server span durations of an operation in milliseconds. */
  public double[] durationsMs(String operation) {
    return durationsMs.getOrDefault(operation, List.of()).stream()
        .mapToDouble(Double::doubleValue)
        .toArray();
  }
}
