package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An operation of a service: its own processing time ({@code latency}, excluding downstream calls),
 * an intrinsic error probability, message sizes, and its calls as {@code steps}: steps run one
 * after another, the calls inside one step run in parallel.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperationSpec(
    String name,
    LatencySpec latency,
    Double errorRate,
    Integer requestBytes,
    Integer responseBytes,
    List<List<CallSpec>> steps) {

  /** Steps, empty when the operation calls nothing. */
  public List<List<CallSpec>> stepsOrEmpty() {
    return steps == null ? List.of() : steps;
  }
}
