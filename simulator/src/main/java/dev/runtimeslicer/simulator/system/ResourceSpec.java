package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Resources of one instance: CPU limit and idle use in cores, the share of an operation's own time
 * spent on CPU, memory baseline and limit, memory per request/s of load, and worker threads.
 * Missing values fall back to the system defaults.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResourceSpec(
    Double cpuLimitCores,
    Double cpuIdleCores,
    Double cpuShareOfLatency,
    Integer memoryBaseMb,
    Integer memoryLimitMb,
    Double memoryMbPerRps,
    Integer threadPool) {

  /** The built-in fallback when neither service nor system give a value. */
  public static final ResourceSpec FALLBACK = new ResourceSpec(1.0, 0.02, 0.6, 256, 1024, 0.5, 200);

  /** This spec with missing values taken from {@code base}. */
  public ResourceSpec orElse(ResourceSpec base) {
    if (base == null) {
      return this;
    }
    return new ResourceSpec(
        cpuLimitCores != null ? cpuLimitCores : base.cpuLimitCores,
        cpuIdleCores != null ? cpuIdleCores : base.cpuIdleCores,
        cpuShareOfLatency != null ? cpuShareOfLatency : base.cpuShareOfLatency,
        memoryBaseMb != null ? memoryBaseMb : base.memoryBaseMb,
        memoryLimitMb != null ? memoryLimitMb : base.memoryLimitMb,
        memoryMbPerRps != null ? memoryMbPerRps : base.memoryMbPerRps,
        threadPool != null ? threadPool : base.threadPool);
  }
}
