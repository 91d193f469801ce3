package dev.runtimeslicer.simulator.fault;

/**
 * Slow storage on a database or cache: queries take many times longer, disk operation time rises,
 * the database writes slow-query logs, and callers see latency and timeouts.
 */
final class SlowDatabase implements FaultBehavior {

  private static final double MIN_SLOWDOWN = 8;
  private static final double MAX_EXTRA_SLOWDOWN = 40;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    double factor = MIN_SLOWDOWN + MAX_EXTRA_SLOWDOWN * fault.intensity();
    health.slowDown(factor);
    health.slowDisk(factor);
  }
}
