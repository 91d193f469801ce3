package dev.runtimeslicer.model.source;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.nio.charset.StandardCharsets;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * Decodes one OTLP export request (protobuf or JSON) and flattens it into {@link TelemetryRecord}s.
 *
 * <p>Every problem becomes a dead letter instead of an exception: a message that cannot be read at
 * all is dead-lettered whole, while a bad resource or a bad point, span or log record is
 * dead-lettered alone and the rest of the message is kept. The flattening itself is per signal:
 * {@link MetricFlattener}, {@link SpanFlattener}, {@link LogFlattener}.
 */
public final class OtlpDecoder {

  private final DecoderSettings settings;
  private final InstantSource clock;
  private long resourcesWithoutSystem;

  public OtlpDecoder(DecoderSettings settings, InstantSource clock) {
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Resources decoded so far that had none of the attributes naming a system (named by default or
   * dead-lettered).
   */
  public long resourcesWithoutSystem() {
    return resourcesWithoutSystem;
  }

  /**
   * Decodes {@code bytes} of {@code signal} and hands every record and dead letter to {@code out}.
   */
  public void decode(
      Signal signal,
      OtlpEncoding encoding,
      byte[] bytes,
      SourcePosition position,
      Consumer<TelemetryRecord> out) {
    if (bytes == null) {
      out.accept(
          FlatteningContext.reject(
              position,
              "empty",
              "message has no value (a Kafka tombstone?); producers must send OTLP export requests",
              "none",
              new byte[0]));
      return;
    }
    if (bytes.length > settings.maxMessageBytes()) {
      out.accept(
          FlatteningContext.reject(
              position,
              "oversized",
              "message of "
                  + bytes.length
                  + " bytes exceeds the limit of "
                  + settings.maxMessageBytes()
                  + " bytes; lower the Collector's batch size or raise max-message-bytes",
              encoding.configName(),
              bytes));
      return;
    }
    Message request;
    try {
      request = parse(signal, encoding, bytes);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      out.accept(
          FlatteningContext.reject(
              position,
              "malformed",
              "not a valid "
                  + encoding.configName()
                  + " "
                  + FlatteningContext.requestName(signal)
                  + ": "
                  + e.getMessage()
                  + "; check the producer's encoding matches the topic's configured encoding",
              encoding.configName(),
              bytes));
      return;
    }
    FlatteningContext context =
        new FlatteningContext(
            settings, position, clock.millis(), out, bytes, () -> resourcesWithoutSystem++);
    switch (signal) {
      case METRIC -> new MetricFlattener(context).flatten((ExportMetricsServiceRequest) request);
      case SPAN -> new SpanFlattener(context).flatten((ExportTraceServiceRequest) request);
      case LOG -> new LogFlattener(context).flatten((ExportLogsServiceRequest) request);
    }
  }

  private static Message parse(Signal signal, OtlpEncoding encoding, byte[] bytes)
      throws InvalidProtocolBufferException {
    if (encoding == OtlpEncoding.OTLP_PROTO) {
      return switch (signal) {
        case METRIC -> ExportMetricsServiceRequest.parseFrom(bytes);
        case SPAN -> ExportTraceServiceRequest.parseFrom(bytes);
        case LOG -> ExportLogsServiceRequest.parseFrom(bytes);
      };
    }
    Message.Builder builder =
        switch (signal) {
          case METRIC -> ExportMetricsServiceRequest.newBuilder();
          case SPAN -> ExportTraceServiceRequest.newBuilder();
          case LOG -> ExportLogsServiceRequest.newBuilder();
        };
    OtlpJson.merge(new String(bytes, StandardCharsets.UTF_8), builder);
    return builder.build();
  }
}
