package dev.runtimeslicer.simulator.fault;

/** Why an operation failed by itself; decides which log template the failing service writes. */
public enum FailureCause {
  /** The background error rate of a healthy operation. */
  BUG,
  /** An injected HTTP 5xx fault. */
  INJECTED_ERROR,
  /** A broken configuration value. */
  CONFIG
}
