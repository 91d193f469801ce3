package dev.runtimeslicer.simulator.learn;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers the call steps of one operation from its invocations: callees are ordered by their mean
 * relative start time, and consecutive callees whose calls mostly overlap when they occur together
 * form one parallel step.
 */
final class CallOrder {

  /** A call as observed in one invocation: callee and first attempt's interval. */
  record Observed(String target, long startNanos, long endNanos) {}

  private final Map<String, Integer> occurrences = new LinkedHashMap<>();
  private final Map<String, Double> offsetSum = new HashMap<>();
  private final Map<String, Integer> overlapping = new HashMap<>();
  private final Map<String, Integer> together = new HashMap<>();

  /** Adds one invocation's calls (first attempt per callee) of a parent running [start, end]. */
  void add(long parentStart, long parentEnd, List<Observed> calls) {
    double length = Math.max(1, parentEnd - parentStart);
    for (Observed call : calls) {
      occurrences.merge(call.target(), 1, Integer::sum);
      offsetSum.merge(call.target(), (call.startNanos() - parentStart) / length, Double::sum);
    }
    for (int i = 0; i < calls.size(); i++) {
      for (int j = i + 1; j < calls.size(); j++) {
        Observed a = calls.get(i);
        Observed b = calls.get(j);
        String pair = pair(a.target(), b.target());
        together.merge(pair, 1, Integer::sum);
        if (a.startNanos() < b.endNanos() && b.startNanos() < a.endNanos()) {
          overlapping.merge(pair, 1, Integer::sum);
        }
      }
    }
  }

  /** Callees seen, with how many invocations called them. */
  Map<String, Integer> occurrences() {
    return occurrences;
  }

  /** The steps: callees grouped into sequential steps of parallel calls. */
  List<List<String>> steps() {
    List<String> ordered = new ArrayList<>(occurrences.keySet());
    ordered.sort(
        Comparator.comparingDouble(target -> offsetSum.get(target) / occurrences.get(target)));
    List<List<String>> steps = new ArrayList<>();
    for (String target : ordered) {
      List<String> last = steps.isEmpty() ? null : steps.get(steps.size() - 1);
      if (last != null && last.stream().allMatch(member -> mostlyParallel(member, target))) {
        last.add(target);
      } else {
        List<String> step = new ArrayList<>();
        step.add(target);
        steps.add(step);
      }
    }
    return steps;
  }

  private boolean mostlyParallel(String a, String b) {
    String pair = pair(a, b);
    int seen = together.getOrDefault(pair, 0);
    return seen > 0 && 2 * overlapping.getOrDefault(pair, 0) > seen;
  }

  private static String pair(String a, String b) {
    return a.compareTo(b) < 0 ? a + "\n" + b : b + "\n" + a;
  }
}
