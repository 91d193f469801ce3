package dev.runtimeslicer.simulator.fault;

/**
 * How one fault type acts on an affected instance. A new behaviour object is made per fault, so it
 * may keep state across ticks (crash-loop phases, announcements).
 */
public interface FaultBehavior {

  /** Shapes the instance's conditions for the current tick while the fault is active. */
  void apply(Fault fault, int instance, InstanceHealth health, FaultContext context);

  /** Called once on the first tick after the fault ended (e.g. a rollback). */
  default void end(Fault fault, int instance, InstanceHealth health, FaultContext context) {}
}
