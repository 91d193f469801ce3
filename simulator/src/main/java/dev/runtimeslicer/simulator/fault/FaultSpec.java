package dev.runtimeslicer.simulator.fault;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One scripted fault as written in a fault script: type, target (service; instance as pod name or
 * replica number; or node), start offset from the simulation start and duration (e.g. "10m",
 * "90s"), and intensity in [0, 1] (default 0.7).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultSpec(
    String type,
    String service,
    String instance,
    String node,
    String start,
    String duration,
    Double intensity) {}
