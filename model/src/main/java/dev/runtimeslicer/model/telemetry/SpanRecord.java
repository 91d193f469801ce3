package dev.runtimeslicer.model.telemetry;

/** The fields of one OTLP span that slices use. A Flink POJO. */
public class SpanRecord {
  /** OTLP SpanKind numbers. */
  public static final int KIND_UNSPECIFIED = 0;

  public static final int KIND_INTERNAL = 1;
  public static final int KIND_SERVER = 2;
  public static final int KIND_CLIENT = 3;
  public static final int KIND_PRODUCER = 4;
  public static final int KIND_CONSUMER = 5;

  /** OTLP StatusCode numbers. */
  public static final int STATUS_UNSET = 0;

  public static final int STATUS_OK = 1;
  public static final int STATUS_ERROR = 2;

  /** Marks an absent HTTP or gRPC status code attribute. */
  public static final int NO_CODE = -1;

  /**
   * Ids as numbers (trace id in two halves): half the bytes of hex text between operators. 0 is
   * absent.
   */
  public long traceIdHigh;

  public long traceIdLow;
  public long spanId;
  public long parentSpanId;
  public String operation;
  public int kind;
  public double durationMs;
  public int statusCode;
  public int httpStatusCode = NO_CODE;
  public int rpcStatusCode = NO_CODE;

  /**
   * The called service for CLIENT/PRODUCER spans, from {@code peer.service}; empty when unknown.
   */
  public String peerService = "";

  public SpanRecord() {}

  /** True for spans that handle an incoming request of their service. */
  public boolean isRequest() {
    return kind == KIND_SERVER
        || kind == KIND_CONSUMER
        || (parentSpanId == 0 && kind != KIND_CLIENT && kind != KIND_PRODUCER);
  }

  /** The trace id as the 32 hex digits OpenTelemetry tools show. */
  public String traceIdHex() {
    return String.format("%016x%016x", traceIdHigh, traceIdLow);
  }

  /** True for spans that call another service. */
  public boolean isOutgoingCall() {
    return kind == KIND_CLIENT || kind == KIND_PRODUCER;
  }

  /**
   * A span failed when its status says so, its HTTP response is a server error, or its gRPC code is
   * one that signals a server-side failure (UNKNOWN, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED,
   * INTERNAL, UNAVAILABLE, DATA_LOSS); client-caused codes such as NOT_FOUND are not failures.
   */
  public boolean isError() {
    if (statusCode == STATUS_ERROR || httpStatusCode >= 500) {
      return true;
    }
    return switch (rpcStatusCode) {
      case 2, 4, 8, 13, 14, 15 -> true;
      default -> false;
    };
  }
}
