package dev.runtimeslicer.simulator.system;

/**
 * A compiled operation: own-time sampler, intrinsic error rate, message sizes and call steps (outer
 * array sequential, inner array parallel).
 */
public record Operation(
    int index,
    int service,
    String name,
    LatencySampler ownTime,
    double errorRate,
    int requestBytes,
    int responseBytes,
    Call[][] steps) {}
