package dev.runtimeslicer.simulator.fault;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The root cause location of a fault: service, and instance and node when they apply. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FaultTarget(String service, String instance, String node) {

  /** The scope this target describes. */
  public FaultScope scope() {
    if (instance != null) {
      return FaultScope.INSTANCE;
    }
    return service != null ? FaultScope.SERVICE : FaultScope.NODE;
  }
}
