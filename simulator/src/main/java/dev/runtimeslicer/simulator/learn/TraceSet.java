package dev.runtimeslicer.simulator.learn;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Recorded spans grouped into traces, each trace's server spans with their call children. */
public final class TraceSet {

  /**
   * A server span and the client calls it made (in start order), each with the server span it
   * reached.
   */
  public record Invocation(SpanRecord server, List<CallRecord> calls) {}

  /** A client span and the server span that handled it (null when the call got no answer). */
  public record CallRecord(SpanRecord client, SpanRecord callee) {
    /** "service/operation" of the callee. */
    public String targetRef() {
      String service = callee != null ? callee.service() : client.peerService();
      return service + "/" + client.name();
    }
  }

  private final Map<ByteString, List<SpanRecord>> traces = new LinkedHashMap<>();
  private long minStart = Long.MAX_VALUE;
  private long maxEnd = Long.MIN_VALUE;

  /** Reads all traces in the files. */
  public static TraceSet read(Path input) {
    TraceSet set = new TraceSet();
    OtlpTraceReader.read(OtlpTraceReader.traceFiles(input), set::add);
    return set;
  }

  /** Adds the spans of one export request. */
  public void add(ExportTraceServiceRequest request) {
    for (ResourceSpans resource : request.getResourceSpansList()) {
      for (ScopeSpans scope : resource.getScopeSpansList()) {
        for (Span span : scope.getSpansList()) {
          SpanRecord record = SpanRecord.of(resource.getResource(), span);
          traces.computeIfAbsent(span.getTraceId(), key -> new ArrayList<>()).add(record);
          minStart = Math.min(minStart, record.startNanos());
          maxEnd = Math.max(maxEnd, record.endNanos());
        }
      }
    }
  }

  /** Number of traces. */
  public int size() {
    return traces.size();
  }

  /** Seconds between the first span start and the last span end. */
  public double observedSeconds() {
    return traces.isEmpty() ? 0 : (maxEnd - minStart) / 1e9;
  }

  /** Every server span with its calls, trace by trace. */
  public List<Invocation> invocations() {
    List<Invocation> invocations = new ArrayList<>();
    for (List<SpanRecord> spans : traces.values()) {
      Map<Long, List<SpanRecord>> children = new HashMap<>();
      for (SpanRecord span : spans) {
        if (!span.isRoot()) {
          children.computeIfAbsent(span.parentSpanId(), key -> new ArrayList<>()).add(span);
        }
      }
      for (SpanRecord span : spans) {
        if (!span.server()) {
          continue;
        }
        List<CallRecord> calls = new ArrayList<>();
        for (SpanRecord client : children.getOrDefault(span.spanId(), List.of())) {
          if (client.server()) {
            continue;
          }
          SpanRecord callee =
              children.getOrDefault(client.spanId(), List.of()).stream()
                  .filter(SpanRecord::server)
                  .findFirst()
                  .orElse(null);
          calls.add(new CallRecord(client, callee));
        }
        calls.sort((a, b) -> Long.compare(a.client().startNanos(), b.client().startNanos()));
        invocations.add(new Invocation(span, calls));
      }
    }
    return invocations;
  }
}
