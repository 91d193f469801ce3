package dev.runtimeslicer.simulator;

import dev.runtimeslicer.simulator.fault.InstanceHealth;
import dev.runtimeslicer.simulator.otlp.InstanceGauges;
import dev.runtimeslicer.simulator.otlp.InstanceMetrics;
import dev.runtimeslicer.simulator.system.ResourceSpec;
import java.util.random.RandomGenerator;

/**
 * Turns an instance's load into resource use: CPU from request work plus idle and fault burn,
 * memory from baseline, load and leaks, threads from concurrency (Little's law); and turns CPU
 * utilization into a queueing slowdown for the next window.
 */
final class ResourceModel {

  private static final double BYTES_PER_MB = 1024 * 1024;
  private static final double CPU_NOISE = 0.03;
  private static final double MEMORY_NOISE = 0.01;
  private static final int BASE_THREADS = 24;

  /** Utilization above which requests start to queue for CPU. */
  private static final double QUEUEING_KNEE = 0.5;

  private static final double QUEUEING_GAIN = 0.5;
  private static final double MAX_UTILIZATION_FOR_QUEUEING = 0.95;

  private ResourceModel() {}

  /** The gauges at the end of a window of {@code windowSeconds}. */
  static InstanceGauges gauges(
      ResourceSpec resources,
      InstanceMetrics metrics,
      InstanceHealth health,
      double windowSeconds,
      RandomGenerator random) {
    double cores =
        resources.cpuIdleCores()
            + metrics.windowCpuSeconds() / windowSeconds
            + health.extraCpuCores();
    double utilization =
        clamp(cores / resources.cpuLimitCores() * (1 + CPU_NOISE * random.nextGaussian()));
    double requestsPerSecond = metrics.windowRequests() / windowSeconds;
    double memoryMb =
        (resources.memoryBaseMb()
                + resources.memoryMbPerRps() * requestsPerSecond
                + health.leakedMb())
            * (1 + MEMORY_NOISE * random.nextGaussian());
    memoryMb = Math.min(memoryMb, resources.memoryLimitMb());
    long busyThreads = (long) Math.ceil(metrics.windowBusySeconds() / windowSeconds);
    long threads =
        BASE_THREADS
            + (health.threadPoolExhausted()
                ? resources.threadPool()
                : Math.min(resources.threadPool(), busyThreads));
    return new InstanceGauges(
        utilization,
        memoryMb * BYTES_PER_MB,
        resources.memoryLimitMb() * BYTES_PER_MB,
        threads,
        health.restarts());
  }

  /** Slowdown of own processing time caused by CPU contention at the given utilization. */
  static double queueingFactor(double utilization) {
    if (utilization <= QUEUEING_KNEE) {
      return 1.0;
    }
    double capped = Math.min(utilization, MAX_UTILIZATION_FOR_QUEUEING);
    return 1.0 + QUEUEING_GAIN * (capped - QUEUEING_KNEE) / (1.0 - capped);
  }

  private static double clamp(double utilization) {
    return Math.max(0.0, Math.min(1.0, utilization));
  }
}
