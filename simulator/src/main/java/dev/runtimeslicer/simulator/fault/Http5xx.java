package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.system.Outcome;

/**
 * A share of the target's requests fail fast with HTTP 500 / gRPC INTERNAL and an exception log.
 */
final class Http5xx implements FaultBehavior {

  private static final double MIN_ERROR_RATE = 0.2;
  private static final double MAX_EXTRA_ERROR_RATE = 0.6;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    health.failRequests(
        MIN_ERROR_RATE + MAX_EXTRA_ERROR_RATE * fault.intensity(),
        Outcome.INTERNAL,
        FailureCause.INJECTED_ERROR);
  }
}
