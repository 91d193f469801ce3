package dev.runtimeslicer.simulator.system;

/** A compiled service with resolved resources, its operations and its instances by index. */
public record Service(
    int index,
    String name,
    Protocol protocol,
    ServiceKind kind,
    String dbSystem,
    boolean accessLog,
    ResourceSpec resources,
    int[] operations,
    int[] instances) {}
