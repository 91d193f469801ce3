package dev.runtimeslicer.simulator.fault;

/** What a fault hits: every instance of a service, one instance, or every instance on a node. */
public enum FaultScope {
  SERVICE,
  INSTANCE,
  NODE
}
