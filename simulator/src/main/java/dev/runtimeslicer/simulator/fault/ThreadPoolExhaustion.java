package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.otlp.Severity;

/**
 * All worker threads are stuck (e.g. on a lock or a hung connection): the thread count sits at the
 * pool maximum, requests queue for a long time, a share is rejected, and the pool logs warnings.
 */
final class ThreadPoolExhaustion implements FaultBehavior {

  private static final double MIN_WAIT_MS = 150;
  private static final double MAX_EXTRA_WAIT_MS = 850;
  private static final double MIN_REJECT = 0.1;
  private static final double MAX_EXTRA_REJECT = 0.4;
  private static final double POOL_LOG_PER_TICK = 0.3;

  @Override
  public void apply(Fault fault, int instance, InstanceHealth health, FaultContext context) {
    health.exhaustThreadPool(
        MIN_WAIT_MS + MAX_EXTRA_WAIT_MS * fault.intensity(),
        MIN_REJECT + MAX_EXTRA_REJECT * fault.intensity());
    if (context.random().nextDouble() < POOL_LOG_PER_TICK) {
      int pool = context.serviceOf(instance).resources().threadPool();
      context.log(
          instance,
          Severity.WARN,
          "Thread pool 'http-nio-8080-exec' is exhausted: active="
              + pool
              + ", max="
              + pool
              + ", queued="
              + (50 + context.random().nextInt(950))
              + "; consider increasing maxThreads");
    }
  }
}
