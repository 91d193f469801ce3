package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One outgoing call of an operation: {@code call} is "service/operation", made with probability
 * {@code p} per invocation; timeout and retries override the system defaults; an {@code optional}
 * call's failure does not fail the caller.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallSpec(
    String call, Double p, Integer timeoutMs, Integer retries, Boolean optional) {

  /** A call made with probability {@code p} and default timeout, retries and failure handling. */
  public static CallSpec of(String call, double p) {
    return new CallSpec(call, p, null, null, null);
  }

  /** The callee's service name. */
  public String targetService() {
    return split()[0];
  }

  /** The callee's operation name. */
  public String targetOperation() {
    return split()[1];
  }

  /** Probability of the call per invocation of the caller, 1 when not given. */
  public double probability() {
    return p == null ? 1.0 : p;
  }

  private String[] split() {
    int slash = call == null ? -1 : call.indexOf('/');
    if (slash <= 0 || slash == call.length() - 1) {
      throw new IllegalArgumentException(
          "call '" + call + "' must be written as service/operation");
    }
    return new String[] {call.substring(0, slash), call.substring(slash + 1)};
  }
}
