package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.otlp.Severity;
import dev.runtimeslicer.simulator.system.ResourceSpec;
import java.util.Locale;

/**
 * Memory grows steadily until the heap limit; near the limit garbage collection burns CPU and
 * pauses requests; at the limit the process dies with OutOfMemoryError and restarts, and the leak
 * starts over. The leak rate is set so the first OOM comes within the fault's duration.
 */
final class MemoryLeak implements FaultBehavior {

  /** Share of the fault duration until the first OOM at intensity 1 and 0. */
  private static final double FASTEST_OOM_SHARE = 0.4;

  private static final double SLOWEST_OOM_SHARE = 0.85;

  /** Memory use (share of limit) above which GC pressure shows. */
  private static final double GC_PRESSURE_START = 0.8;

  private static final double MAX_GC_SLOWDOWN = 4.0;
  private static final double MAX_GC_CPU_SHARE = 0.5;
  private static final double GC_LOG_PER_TICK = 0.3;
  private static final long RESTART_NANOS = 20_000_000_000L;

  private double leakMbPerSecond = Double.NaN;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    if (health.isDown(context.nowNanos())) {
      return;
    }
    ResourceSpec resources = context.serviceOf(instance).resources();
    double headroom = resources.memoryLimitMb() - resources.memoryBaseMb();
    if (Double.isNaN(leakMbPerSecond)) {
      double share =
          SLOWEST_OOM_SHARE - (SLOWEST_OOM_SHARE - FASTEST_OOM_SHARE) * fault.intensity();
      leakMbPerSecond = headroom / (fault.durationSeconds() * share);
    }
    health.leak(leakMbPerSecond * context.tickNanos() / 1e9);
    double used = (resources.memoryBaseMb() + health.leakedMb()) / resources.memoryLimitMb();
    if (used >= 1.0) {
      context.log(
          instance,
          Severity.FATAL,
          "Exception in thread \"http-nio-8080-exec-"
              + (1 + context.random().nextInt(200))
              + "\" java.lang.OutOfMemoryError: Java heap space\n"
              + "\tat java.base/java.util.Arrays.copyOf(Arrays.java:3537)\n"
              + "\tat java.base/java.util.ArrayList.grow(ArrayList.java:237)\n"
              + "\tat com.example.cache.SessionCache.put(SessionCache.java:88)");
      health.crash(context.nowNanos(), RESTART_NANOS);
      return;
    }
    if (used > GC_PRESSURE_START) {
      double pressure = (used - GC_PRESSURE_START) / (1.0 - GC_PRESSURE_START);
      health.slowDown(1.0 + MAX_GC_SLOWDOWN * pressure);
      health.burnCpu(resources.cpuLimitCores() * MAX_GC_CPU_SHARE * pressure);
      if (context.random().nextDouble() < GC_LOG_PER_TICK * pressure) {
        long heap = resources.memoryLimitMb();
        long before = Math.round(heap * used);
        context.log(
            instance,
            Severity.WARN,
            String.format(
                Locale.ROOT,
                "[gc] GC(%d) Pause Full (G1 Compaction Pause) %dM->%dM(%dM) %.3fms",
                health.restarts() * 1000 + context.random().nextInt(1000),
                before,
                before - 1 - context.random().nextInt(8),
                heap,
                200 + 800 * pressure * context.random().nextDouble()));
      }
    }
  }

  @Override
  public void end(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    health.releaseLeak();
  }
}
