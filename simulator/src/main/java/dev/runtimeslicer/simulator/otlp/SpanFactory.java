package dev.runtimeslicer.simulator.otlp;

import com.google.protobuf.ByteString;
import dev.runtimeslicer.simulator.system.Operation;
import dev.runtimeslicer.simulator.system.Outcome;
import dev.runtimeslicer.simulator.system.Protocol;
import dev.runtimeslicer.simulator.system.Service;
import dev.runtimeslicer.simulator.system.Topology;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds OTLP spans with semantic-convention attributes. Everything but the ids and times depends
 * only on the operation, the span kind and the outcome (name, kind, method, route, rpc method, db
 * system, peer.service, status code attribute, error type, status), so that part is built once per
 * combination as a template span; each span is then the template plus ids and times, which shares
 * the template's attribute list instead of copying it.
 */
public final class SpanFactory {

  /** Why a client call failed without a response from the callee, as {@code error.type}. */
  public enum ClientError {
    NONE(null),
    CONNECTION_REFUSED("connection_refused"),
    CONNECTION_RESET("connection_reset"),
    TIMEOUT("timeout");

    private final String type;

    ClientError(String type) {
      this.type = type;
    }
  }

  private static final Status ERROR =
      Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).build();
  private static final int MAX_STATUS = 600;

  private final Topology topology;
  private final List<KeyValue>[] serverAttributes;
  private final List<KeyValue>[] clientAttributes;
  private final KeyValue[] httpStatus = new KeyValue[MAX_STATUS];
  private final KeyValue[] grpcStatus = new KeyValue[MAX_STATUS];
  private final KeyValue[] clientErrors = new KeyValue[ClientError.values().length];
  private final KeyValue[] outcomeErrors = new KeyValue[Outcome.values().length];

  /**
   * Server templates by operation and outcome; client templates by operation, outcome and client
   * error.
   */
  private final Span[][] serverTemplates;

  private final Span[][][] clientTemplates;

  /**
   * Operation names as UTF-8, set on every span so that serializing it needs no string encoding.
   */
  private final ByteString[] names;

  /** A factory for the operations of a topology. */
  @SuppressWarnings("unchecked")
  public SpanFactory(Topology topology) {
    this.topology = topology;
    Operation[] operations = topology.operations();
    serverAttributes = new List[operations.length];
    names = new ByteString[operations.length];
    serverTemplates = new Span[operations.length][Outcome.values().length];
    clientTemplates =
        new Span[operations.length][Outcome.values().length][ClientError.values().length];
    clientAttributes = new List[operations.length];
    for (Operation op : operations) {
      names[op.index()] = ByteString.copyFromUtf8(op.name());
      Service service = topology.services()[op.service()];
      List<KeyValue> common = protocolAttributes(service, op);
      serverAttributes[op.index()] = List.copyOf(common);
      List<KeyValue> client = new ArrayList<>(common);
      client.add(Resources.string("peer.service", service.name()));
      clientAttributes[op.index()] = List.copyOf(client);
    }
    for (ClientError error : ClientError.values()) {
      if (error.type != null) {
        clientErrors[error.ordinal()] = Resources.string("error.type", error.type);
      }
    }
    for (Outcome outcome : Outcome.values()) {
      outcomeErrors[outcome.ordinal()] =
          Resources.string("error.type", outcome.name().toLowerCase());
    }
  }

  private static List<KeyValue> protocolAttributes(Service service, Operation op) {
    List<KeyValue> attributes = new ArrayList<>();
    switch (service.protocol()) {
      case HTTP -> {
        int space = op.name().indexOf(' ');
        if (space > 0) {
          attributes.add(Resources.string("http.request.method", op.name().substring(0, space)));
          attributes.add(Resources.string("http.route", op.name().substring(space + 1)));
        } else {
          attributes.add(Resources.string("http.route", op.name()));
        }
      }
      case GRPC -> {
        attributes.add(Resources.string("rpc.system", "grpc"));
        attributes.add(Resources.string("rpc.service", service.name()));
        attributes.add(Resources.string("rpc.method", op.name()));
      }
      case DB -> {
        attributes.add(
            Resources.string(
                "db.system", service.dbSystem() == null ? "other_sql" : service.dbSystem()));
        attributes.add(Resources.string("db.operation.name", op.name()));
      }
    }
    return attributes;
  }

  /** The SERVER span of {@code operation} handling a request. */
  public Span server(
      ByteString traceId,
      long spanId,
      long parentSpanId,
      int operation,
      long startNanos,
      long endNanos,
      Outcome outcome) {
    Span template = serverTemplates[operation][outcome.ordinal()];
    if (template == null) {
      template = serverTemplate(operation, outcome);
      serverTemplates[operation][outcome.ordinal()] = template;
    }
    return withIdsAndTimes(
        template, names[operation], traceId, spanId, parentSpanId, startNanos, endNanos);
  }

  /**
   * The CLIENT span of a call to {@code operation}; {@code outcome} is the callee's answer, absent
   * (with a {@code clientError}) when no answer arrived.
   */
  public Span client(
      ByteString traceId,
      long spanId,
      long parentSpanId,
      int operation,
      long startNanos,
      long endNanos,
      Outcome outcome,
      ClientError clientError) {
    Span template = clientTemplates[operation][outcome.ordinal()][clientError.ordinal()];
    if (template == null) {
      template = clientTemplate(operation, outcome, clientError);
      clientTemplates[operation][outcome.ordinal()][clientError.ordinal()] = template;
    }
    return withIdsAndTimes(
        template, names[operation], traceId, spanId, parentSpanId, startNanos, endNanos);
  }

  private static Span withIdsAndTimes(
      Span template,
      ByteString name,
      ByteString traceId,
      long spanId,
      long parentSpanId,
      long startNanos,
      long endNanos) {
    Span.Builder span =
        template.toBuilder()
            .setNameBytes(
                name) // toBuilder() leaves the name as a String, to be encoded again on every write
            .setTraceId(traceId)
            .setSpanId(Ids.spanId(spanId))
            .setStartTimeUnixNano(startNanos)
            .setEndTimeUnixNano(endNanos);
    if (parentSpanId != 0) {
      span.setParentSpanId(Ids.spanId(parentSpanId));
    }
    return span.build();
  }

  private Span serverTemplate(int operation, Outcome outcome) {
    Service service = topology.services()[topology.operations()[operation].service()];
    Span.Builder span =
        base(operation, Span.SpanKind.SPAN_KIND_SERVER)
            .addAllAttributes(serverAttributes[operation]);
    addStatusCode(span, service, outcome);
    if (outcome.failed()) {
      span.addAttributes(outcomeErrors[outcome.ordinal()]).setStatus(ERROR);
    }
    return span.build();
  }

  private Span clientTemplate(int operation, Outcome outcome, ClientError clientError) {
    Service service = topology.services()[topology.operations()[operation].service()];
    Span.Builder span =
        base(operation, Span.SpanKind.SPAN_KIND_CLIENT)
            .addAllAttributes(clientAttributes[operation]);
    if (clientError == ClientError.NONE) {
      addStatusCode(span, service, outcome);
      if (outcome.failed()) {
        span.addAttributes(outcomeErrors[outcome.ordinal()]).setStatus(ERROR);
      }
    } else {
      span.addAttributes(clientErrors[clientError.ordinal()]).setStatus(ERROR);
    }
    return span.build();
  }

  private Span.Builder base(int operation, Span.SpanKind kind) {
    return Span.newBuilder().setName(topology.operations()[operation].name()).setKind(kind);
  }

  private void addStatusCode(Span.Builder span, Service service, Outcome outcome) {
    if (service.protocol() == Protocol.HTTP) {
      int status = outcome.httpStatus(service.kind());
      KeyValue cached = httpStatus[status];
      if (cached == null) {
        cached = Resources.integer("http.response.status_code", status);
        httpStatus[status] = cached;
      }
      span.addAttributes(cached);
    } else if (service.protocol() == Protocol.GRPC) {
      int status = outcome.grpcStatus();
      KeyValue cached = grpcStatus[status];
      if (cached == null) {
        cached = Resources.integer("rpc.grpc.status_code", status);
        grpcStatus[status] = cached;
      }
      span.addAttributes(cached);
    }
  }
}
