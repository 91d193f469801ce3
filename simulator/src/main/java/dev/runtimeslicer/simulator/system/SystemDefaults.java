package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * System-wide defaults: per-call timeout and retries, one-way network latency between instances,
 * and resources for services that do not set their own.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemDefaults(
    Integer timeoutMs, Integer retries, LatencySpec networkLatency, ResourceSpec resources) {

  /** Used when a system file has no defaults section. */
  public static final SystemDefaults FALLBACK =
      new SystemDefaults(2000, 1, LatencySpec.logNormal(0.25, 0.3), ResourceSpec.FALLBACK);
}
