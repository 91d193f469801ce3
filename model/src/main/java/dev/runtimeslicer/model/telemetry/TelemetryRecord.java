package dev.runtimeslicer.model.telemetry;

/**
 * One decoded telemetry record of a service at an event time: exactly one of {@link #metric},
 * {@link #span} and {@link #log} is set, as {@link #signal} says; or, for input that could not be
 * decoded, only {@link #deadLetter}.
 *
 * <p>Flattened from OTLP inside the source so that no protobuf message travels between Flink
 * operators; a Flink POJO, so Flink's own serializers handle it.
 */
public class TelemetryRecord {
  public Signal signal;
  public String system;
  public String service;

  /** Instance (pod, host) of the service; empty when the resource does not say. */
  public String instance = "";

  /** Event time in epoch milliseconds (span start, point time, log time). */
  public long timestampMs;

  public MetricPoint metric;
  public SpanRecord span;
  public LogRecord log;
  public DeadLetter deadLetter;

  /**
   * Identity of the record across deliveries, {@link #NO_ID} when unknown: the same for every copy
   * of one span, metric point or log record, so a second delivery is counted once. Set by the
   * decoder.
   */
  public long recordId = NO_ID;

  /** {@link #recordId} of a record whose identity is unknown: never taken for a duplicate. */
  public static final long NO_ID = 0;

  public TelemetryRecord() {}

  /** A record of {@code signal} for one service instance at {@code timestampMs}. */
  public static TelemetryRecord of(
      Signal signal, String system, String service, String instance, long timestampMs) {
    TelemetryRecord record = new TelemetryRecord();
    record.signal = signal;
    record.system = system;
    record.service = service;
    record.instance = instance;
    record.timestampMs = timestampMs;
    return record;
  }

  /**
   * Wraps input that could not be decoded, so it travels the same stream to the dead-letter output.
   */
  public static TelemetryRecord rejected(DeadLetter deadLetter) {
    TelemetryRecord record = new TelemetryRecord();
    record.deadLetter = deadLetter;
    record.timestampMs = Long.MIN_VALUE;
    return record;
  }

  /** True when this carries a dead letter instead of telemetry. */
  public boolean hasDeadLetter() {
    return deadLetter != null;
  }

  @Override
  public String toString() {
    if (deadLetter != null) {
      return "DeadLetter[" + deadLetter.reason + "]";
    }
    Object payload =
        signal == Signal.METRIC
            ? metric
            : signal == Signal.SPAN ? span.operation : log == null ? null : log.body;
    return signal + "[" + system + "/" + service + "@" + timestampMs + " " + payload + "]";
  }
}
