package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.otlp.Severity;

/**
 * A CPU hog next to the service: CPU utilization near the limit, throttling slows every request,
 * and thread pools log starvation warnings.
 */
final class CpuSaturation implements FaultBehavior {

  /** Share of the CPU limit the hog takes at intensity 0 and 1. */
  private static final double MIN_SHARE = 0.75;

  private static final double MAX_EXTRA_SHARE = 0.25;

  /** Throttling slowdown of own processing time at intensity 1 (on top of queueing). */
  private static final double MAX_THROTTLE = 2.0;

  private static final double STARVATION_LOG_PER_TICK = 0.1;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    double limit = context.serviceOf(instance).resources().cpuLimitCores();
    health.burnCpu(limit * (MIN_SHARE + MAX_EXTRA_SHARE * fault.intensity()));
    health.slowDown(1.0 + MAX_THROTTLE * fault.intensity());
    if (context.random().nextDouble() < STARVATION_LOG_PER_TICK) {
      long delta = 1000 + context.random().nextInt(60_000);
      context.log(
          instance,
          Severity.WARN,
          "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta="
              + (delta / 1000)
              + "s"
              + (delta % 1000)
              + "ms).");
    }
  }
}
