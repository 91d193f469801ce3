package dev.runtimeslicer.simulator.fault;

/**
 * Extra latency on every packet to the target (netem delay): callers' client spans grow while the
 * target's own server spans stay normal; timeouts appear upstream for long delays.
 */
final class NetworkDelay implements FaultBehavior {

  private static final double MIN_DELAY_MS = 80;
  private static final double MAX_EXTRA_DELAY_MS = 520;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    health.delayInbound(MIN_DELAY_MS + MAX_EXTRA_DELAY_MS * fault.intensity());
  }
}
