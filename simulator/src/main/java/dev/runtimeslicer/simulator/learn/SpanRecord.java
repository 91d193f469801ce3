package dev.runtimeslicer.simulator.learn;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;

/** The parts of a recorded span the learner uses, with its service, instance and node. */
public record SpanRecord(
    long spanId,
    long parentSpanId,
    boolean server,
    String service,
    String instance,
    String node,
    String name,
    String peerService,
    String protocol,
    String dbSystem,
    long startNanos,
    long endNanos,
    boolean failed) {

  /** A record from an OTLP span and its resource. */
  public static SpanRecord of(Resource resource, Span span) {
    List<KeyValue> attributes = span.getAttributesList();
    String protocol =
        attribute(attributes, "rpc.system") != null
            ? "grpc"
            : attribute(attributes, "db.system") != null ? "db" : "http";
    return new SpanRecord(
        toLong(span.getSpanId().toByteArray()),
        toLong(span.getParentSpanId().toByteArray()),
        span.getKind() == Span.SpanKind.SPAN_KIND_SERVER,
        attribute(resource.getAttributesList(), "service.name"),
        attribute(resource.getAttributesList(), "service.instance.id"),
        attribute(resource.getAttributesList(), "k8s.node.name"),
        span.getName(),
        attribute(attributes, "peer.service"),
        protocol,
        attribute(attributes, "db.system"),
        span.getStartTimeUnixNano(),
        span.getEndTimeUnixNano(),
        span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR);
  }

  /** Duration in nanoseconds. */
  public long durationNanos() {
    return endNanos - startNanos;
  }

  /** "service/operation" of a server span. */
  public String operationRef() {
    return service + "/" + name;
  }

  /** Whether this span has no parent. */
  public boolean isRoot() {
    return parentSpanId == 0;
  }

  private static String attribute(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue().getStringValue();
      }
    }
    return null;
  }

  private static long toLong(byte[] bytes) {
    long value = 0;
    for (byte b : bytes) {
      value = (value << Byte.SIZE) | (b & 0xff);
    }
    return value;
  }
}
