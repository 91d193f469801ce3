package dev.runtimeslicer.simulator.system;

/** One replica (pod) of a service, placed on a node. */
public record Instance(int index, int service, String name, String node) {}
