package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.otlp.Severity;
import dev.runtimeslicer.simulator.system.Outcome;
import java.util.HashSet;
import java.util.Set;

/**
 * A bad configuration rollout: mostly visible in logs (a reload notice, then exceptions for the
 * requests that touch the broken setting); only a few of those requests actually fail.
 */
final class ConfigError implements FaultBehavior {

  private static final double MIN_LOG_RATE = 0.3;
  private static final double MAX_EXTRA_LOG_RATE = 0.5;

  /** Share of the requests that log the error which also fail. */
  private static final double FAILING_SHARE_OF_LOGGED = 0.08;

  private final Set<Integer> announced = new HashSet<>();

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    if (announced.add(instance)) {
      String service = context.serviceOf(instance).name();
      context.log(
          instance,
          Severity.INFO,
          "Configuration reloaded from ConfigMap '"
              + service
              + "-config' (resourceVersion "
              + (100_000 + context.random().nextInt(900_000))
              + ")");
      context.log(
          instance,
          Severity.WARN,
          "Property 'client.retry.backoff' has invalid value '250msx'; ignoring the override");
    }
    double logRate = MIN_LOG_RATE + MAX_EXTRA_LOG_RATE * fault.intensity();
    health.breakConfiguration(logRate);
    health.failRequests(logRate * FAILING_SHARE_OF_LOGGED, Outcome.INTERNAL, FailureCause.CONFIG);
  }
}
