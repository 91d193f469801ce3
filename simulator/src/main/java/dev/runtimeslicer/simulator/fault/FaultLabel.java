package dev.runtimeslicer.simulator.fault;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** One line of the ground-truth labels file; {@code start}/{@code end} are epoch milliseconds. */
@JsonPropertyOrder({"system", "id", "type", "start", "end", "rootCause"})
public record FaultLabel(String system, String id, String type, long start, long end, FaultTarget rootCause) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long NANOS_PER_MILLI = 1_000_000L;

  /** The label of a fault injected into {@code system}. */
  public static FaultLabel of(String system, Fault fault) {
    return new FaultLabel(system, fault.id(), fault.type().id(), fault.startNanos() / NANOS_PER_MILLI,
        fault.endNanos() / NANOS_PER_MILLI, fault.target());
  }

  /** The label as one JSON line (without newline). */
  public String toJson() {
    try {
      return JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write label " + id, e);
    }
  }

  /** Parses one JSON line. */
  public static FaultLabel parse(String json) {
    try {
      return JSON.readValue(json, FaultLabel.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a fault label: " + json, e);
    }
  }
}
