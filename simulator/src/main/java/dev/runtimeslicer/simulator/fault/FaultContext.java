package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.otlp.Severity;
import dev.runtimeslicer.simulator.system.Instance;
import dev.runtimeslicer.simulator.system.Service;
import java.util.random.RandomGenerator;

/** What a fault behaviour sees of the simulation during one tick. */
public interface FaultContext {

  /** Start of the current tick, epoch nanoseconds. */
  long nowNanos();

  /** Length of a tick in nanoseconds. */
  long tickNanos();

  /** The fault random stream (deterministic per seed). */
  RandomGenerator random();

  /** The instance with this index. */
  Instance instance(int index);

  /** The service an instance belongs to. */
  Service serviceOf(int instanceIndex);

  /** Writes a log line of an instance at the current tick, not tied to a request. */
  void log(int instanceIndex, Severity severity, String body);
}
