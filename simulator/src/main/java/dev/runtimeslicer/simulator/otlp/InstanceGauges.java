package dev.runtimeslicer.simulator.otlp;

/**
 * The instant values of an instance at the end of a metrics window, computed by the resource model.
 */
public record InstanceGauges(
    double cpuUtilization,
    double memoryBytes,
    double memoryLimitBytes,
    long threads,
    long restarts) {}
