package dev.runtimeslicer.simulator.system;

/** How a request ended, with the HTTP status and gRPC status code it maps to. */
public enum Outcome {
  OK(200, 0),
  /** The operation itself failed (bug, injected 5xx, bad configuration). */
  INTERNAL(500, 13),
  /** The callee could not be reached or refused the connection. */
  UNAVAILABLE(503, 14),
  /** The caller gave up waiting (client timeout). */
  TIMEOUT(504, 4),
  /** The callee's worker pool rejected the request. */
  REJECTED(503, 8),
  /** A required downstream call failed; gateways report it as 502. */
  DOWNSTREAM(500, 13);

  private static final int BAD_GATEWAY = 502;

  private final int httpStatus;
  private final int grpcStatus;

  Outcome(int httpStatus, int grpcStatus) {
    this.httpStatus = httpStatus;
    this.grpcStatus = grpcStatus;
  }

  /** The HTTP status a service of the given kind answers with. */
  public int httpStatus(ServiceKind kind) {
    return this == DOWNSTREAM && kind == ServiceKind.GATEWAY ? BAD_GATEWAY : httpStatus;
  }

  /** The gRPC status code. */
  public int grpcStatus() {
    return grpcStatus;
  }

  /** Whether the request failed. */
  public boolean failed() {
    return this != OK;
  }

  /** Whether a client would retry after this outcome (transient failures only). */
  public boolean retryable() {
    return this == UNAVAILABLE || this == TIMEOUT || this == REJECTED;
  }
}
