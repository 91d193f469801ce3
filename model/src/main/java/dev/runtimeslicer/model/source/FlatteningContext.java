package dev.runtimeslicer.model.source;

import com.google.protobuf.Message;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import java.util.function.Consumer;

/**
 * What the flatteners of one OTLP message share: where it came from, the clock's time, where its
 * records go, and the checks every resource, point, span and log record passes (identity, time,
 * dead letters with advice).
 */
final class FlatteningContext {

  private static final long NANOS_PER_MILLI = 1_000_000L;

  /**
   * A resource that names no system, when such resources are dead-lettered (compared by reference).
   */
  static final ResourceIdentity MISSING_SYSTEM = new ResourceIdentity("", "", "");

  final DecoderSettings settings;
  private final SourcePosition position;
  private final long nowMs;
  private final Consumer<TelemetryRecord> out;
  private final byte[] message;
  private final Runnable resourcesWithoutSystem;

  /** Hash of the whole message, made on first use; see {@link #messageHash()}. */
  private long messageHash;

  private boolean messageHashed;

  /** Log records met so far in this message. */
  private int logIndex;

  FlatteningContext(
      DecoderSettings settings,
      SourcePosition position,
      long nowMs,
      Consumer<TelemetryRecord> out,
      byte[] message,
      Runnable resourcesWithoutSystem) {
    this.settings = settings;
    this.position = position;
    this.nowMs = nowMs;
    this.out = out;
    this.message = message;
    this.resourcesWithoutSystem = resourcesWithoutSystem;
  }

  /** Hash of the whole message, made on first use: a log record's identity is its place in it. */
  long messageHash() {
    if (!messageHashed) {
      messageHash = new RecordIdHash().add(message).id();
      messageHashed = true;
    }
    return messageHash;
  }

  /** The place of the next log record in this message. */
  int nextLogIndex() {
    return logIndex++;
  }

  /** Hands a flattened record on. */
  void emit(TelemetryRecord record) {
    out.accept(record);
  }

  /** {@code value} cut to the longest attribute text kept. */
  String cut(String value) {
    return OtlpValues.cut(settings, value);
  }

  /**
   * The identity a resource gives its records; null without service.name, {@link #MISSING_SYSTEM}
   * without a system.
   */
  ResourceIdentity identity(Resource resource) {
    String service = null;
    String instanceId = null;
    String pod = null;
    String host = null;
    String system = null;
    int systemRank = Integer.MAX_VALUE;
    for (KeyValue attribute : resource.getAttributesList()) {
      String key = attribute.getKey();
      switch (key) {
        case "service.name" -> service = OtlpValues.stringOf(attribute.getValue());
        case "service.instance.id" -> instanceId = OtlpValues.stringOf(attribute.getValue());
        case "k8s.pod.name" -> pod = OtlpValues.stringOf(attribute.getValue());
        case "host.name" -> host = OtlpValues.stringOf(attribute.getValue());
        default -> {}
      }
      int rank = settings.systemAttributes().indexOf(key);
      if (rank >= 0 && rank < systemRank) {
        String value = OtlpValues.stringOf(attribute.getValue());
        if (value != null && !value.isBlank()) {
          system = value;
          systemRank = rank;
        }
      }
    }
    if (service == null || service.isBlank()) {
      return null;
    }
    String instance = OtlpValues.firstNonBlank(instanceId, pod, host);
    String systemName = system;
    if (systemName == null) {
      resourcesWithoutSystem.run();
      systemName = settings.defaultSystem();
      if (systemName == null) {
        return MISSING_SYSTEM;
      }
    }
    return new ResourceIdentity(cut(systemName), cut(service), cut(instance));
  }

  /** Whether records of the resource may be flattened; dead-letters it otherwise. */
  boolean acceptResource(ResourceIdentity identity, Signal signal, Message singleResourceRequest) {
    if (identity == MISSING_SYSTEM) {
      out.accept(
          reject(
              position,
              "missing_system",
              "a resource in this "
                  + requestName(signal)
                  + " has none of the attributes "
                  + settings.systemAttributes()
                  + " that name its system; set"
                  + " OTEL_RESOURCE_ATTRIBUTES=deployment.environment.name=<system> in the service,"
                  + " add it with the Collector's resource processor, or set system.default-name",
              OtlpEncoding.OTLP_PROTO.configName(),
              singleResourceRequest.toByteArray()));
      return false;
    }
    if (identity != null) {
      return true;
    }
    out.accept(
        reject(
            position,
            "missing_service_name",
            "a resource in this "
                + requestName(signal)
                + " has no service.name attribute; set OTEL_SERVICE_NAME"
                + " in the service or add it with the Collector's resource processor",
            OtlpEncoding.OTLP_PROTO.configName(),
            singleResourceRequest.toByteArray()));
    return false;
  }

  /** Null when the time is usable, otherwise why not. */
  String timeProblem(long unixNanos) {
    if (unixNanos <= 0) {
      return "zero_timestamp";
    }
    if (unixNanos / NANOS_PER_MILLI > nowMs + settings.maxFutureSkewMs()) {
      return "future_timestamp";
    }
    return null;
  }

  /** Dead-letters one point, span or log record, sent as a request of its own. */
  void rejectItem(String category, String what, Message singleItemRequest) {
    String advice =
        switch (category) {
          case "zero_timestamp" -> "has no timestamp; the producer must set time_unix_nano";
          case "future_timestamp" ->
              "is more than "
                  + settings.maxFutureSkewMs()
                  + " ms ahead of this clock; check the producer's clock (NTP)";
          case "non_finite" -> "has a NaN or infinite value; fix the instrument that records it";
          case "negative_duration" ->
              "ends before it starts (or never ends); check the tracer's clock";
          default -> "was rejected";
        };
    out.accept(
        reject(
            position,
            category,
            what + " " + advice,
            OtlpEncoding.OTLP_PROTO.configName(),
            singleItemRequest.toByteArray()));
  }

  /** A record of this message's {@code signal} at {@code unixNanos}. */
  TelemetryRecord record(Signal signal, ResourceIdentity id, long unixNanos) {
    return TelemetryRecord.of(
        signal, id.system(), id.service(), id.instance(), unixNanos / NANOS_PER_MILLI);
  }

  static String requestName(Signal signal) {
    return switch (signal) {
      case METRIC -> "ExportMetricsServiceRequest";
      case SPAN -> "ExportTraceServiceRequest";
      case LOG -> "ExportLogsServiceRequest";
    };
  }

  static TelemetryRecord reject(
      SourcePosition position, String category, String reason, String encoding, byte[] payload) {
    return TelemetryRecord.rejected(new DeadLetter(position, category, reason, encoding, payload));
  }
}
