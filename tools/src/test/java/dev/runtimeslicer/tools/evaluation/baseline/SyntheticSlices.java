package dev.runtimeslicer.tools.evaluation.baseline;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.SteadySeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Noisy steady windows of a four-service system, where chosen services can turn slow or failing.
 */
final class SyntheticSlices {

  static final String SYSTEM = "shop";
  static final List<String> SERVICES = List.of("cart", "checkout", "frontend", "payment");
  static final long WINDOW_MS = 60_000;
  static final long SLIDE_MS = 10_000;

  private final Random random;

  SyntheticSlices(long seed) {
    random = new Random(seed);
  }

  /**
   * Window {@code index} (start = index x slide): {@code slow} services 10x slower, {@code failing}
   * ones with 40% errors.
   */
  RuntimeSlice window(int index, Set<String> slow, Set<String> failing) {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = SYSTEM;
    slice.windowStartMs = index * SLIDE_MS;
    slice.windowEndMs = slice.windowStartMs + WINDOW_MS;
    for (String name : SERVICES) {
      ServiceSlice service = new ServiceSlice();
      service.service = name;
      service.instances = List.of(name + "-0", name + "-1");
      double slowdown = slow.contains(name) ? 10 : 1;
      service.traces.requests = Math.round(600 + 30 * random.nextGaussian());
      service.traces.errors =
          failing.contains(name) ? Math.round(0.4 * service.traces.requests) : random.nextInt(6);
      service.traces.spans = service.traces.requests * 2;
      service.traces.latencyP50Ms = slowdown * (20 + 2 * random.nextGaussian());
      service.traces.latencyP90Ms = slowdown * (50 + 5 * random.nextGaussian());
      service.traces.latencyP99Ms = slowdown * (80 + 8 * random.nextGaussian());
      service.logs.total = Math.round(300 + 20 * random.nextGaussian());
      service.logs.severities.put("INFO", service.logs.total - 3);
      service.logs.severities.put("ERROR", 3L);
      service.metrics.put(
          "container.cpu.utilization",
          SteadySeries.of(0.3 * slowdown + 0.03 * random.nextGaussian()));
      service.metrics.put(
          "container.memory.usage", SteadySeries.of(5e8 + 1e7 * random.nextGaussian()));
      slice.services.add(service);
    }
    return slice;
  }

  /** Windows {@code from} (inclusive) to {@code to} (exclusive), all steady. */
  List<RuntimeSlice> steady(int from, int to) {
    List<RuntimeSlice> windows = new ArrayList<>();
    for (int i = from; i < to; i++) {
      windows.add(window(i, Set.of(), Set.of()));
    }
    return windows;
  }
}
