package dev.runtimeslicer.simulator.system;

/** A cluster node instances are placed on. */
public record NodeSpec(String name, int cpuCores, int memoryGb) {}
