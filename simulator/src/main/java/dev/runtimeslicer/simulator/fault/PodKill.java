package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.otlp.Severity;

/**
 * The pod is killed and then crash-loops: each restart runs briefly before dying again, with the
 * back-off doubling as Kubernetes does (capped). Calls to it are refused while it is down, the
 * restart counter climbs and startup logs repeat.
 */
final class PodKill implements FaultBehavior {

  private static final long FIRST_BACKOFF_NANOS = 10_000_000_000L;
  private static final long MAX_BACKOFF_NANOS = 80_000_000_000L;

  /** How long a restarted process runs before it dies again, at intensity 0 (longest) and 1. */
  private static final long LONGEST_UPTIME_NANOS = 40_000_000_000L;

  private static final long SHORTEST_UPTIME_NANOS = 8_000_000_000L;

  private long backoffNanos = FIRST_BACKOFF_NANOS;
  private long nextCrashNanos = Long.MIN_VALUE;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    long now = context.nowNanos();
    if (health.isDown(now)) {
      return;
    }
    if (nextCrashNanos == Long.MIN_VALUE) {
      context.log(
          instance,
          Severity.INFO,
          "Received SIGTERM, shutting down: stopping HTTP listener and draining connections");
      crash(fault, health, context, now);
    } else if (now >= nextCrashNanos) {
      context.log(
          instance,
          Severity.FATAL,
          "Application run failed\n"
              + "org.springframework.beans.factory.BeanCreationException: Error creating bean with"
              + " name 'dataSource': Initialization of bean failed; nested exception is"
              + " java.net.ConnectException: Connection refused\n"
              + "\tat org.springframework.beans.factory.support."
              + "AbstractAutowireCapableBeanFactory.doCreateBean(AbstractAutowireCapableBeanFactory.java:628)");
      crash(fault, health, context, now);
    }
  }

  private void crash(Fault fault, InstanceHealth health, FaultContext context, long now) {
    health.crash(now, backoffNanos);
    long uptime =
        LONGEST_UPTIME_NANOS
            - (long) ((LONGEST_UPTIME_NANOS - SHORTEST_UPTIME_NANOS) * fault.intensity());
    nextCrashNanos = now + backoffNanos + uptime;
    backoffNanos = Math.min(MAX_BACKOFF_NANOS, backoffNanos * 2);
  }
}
