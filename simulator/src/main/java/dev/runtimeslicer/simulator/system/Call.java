package dev.runtimeslicer.simulator.system;

/**
 * A compiled outgoing call: callee operation and service by index, probability, timeout, retries.
 */
public record Call(
    int targetOperation,
    int targetService,
    double probability,
    long timeoutNanos,
    int retries,
    boolean optional) {}
