package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.Map;

/**
 * Stamps the telemetry of some hosts with a clock that is off, as an unsynchronized node's SDKs do:
 * every timestamp of a resource whose {@code host.name} is skewed moves by that host's offset
 * (ahead when positive), for the whole run or, as an injected fault, while the simulated clock is
 * in a stretch of time. When the telemetry is delivered does not change, only what it says.
 */
public final class HostClockSkew extends ForwardingTelemetrySink {

  static final String HOST = "host.name";

  /**
   * A host's clock {@code offsetNanos} ahead (negative: behind) while the simulated clock is in
   * [fromNanos, toNanos).
   */
  public record Skew(long offsetNanos, long fromNanos, long toNanos) {
    /** Off for the whole run. */
    public static Skew always(long offsetNanos) {
      return new Skew(offsetNanos, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    boolean appliesAt(long nowNanos) {
      return nowNanos >= fromNanos && nowNanos < toNanos;
    }
  }

  private final Map<String, Skew> skewByHost;

  /** Each host's offset for the whole run, in ns, to which its skew adds. */
  private final Map<String, Long> offsetByHost;

  /**
   * The simulated clock, as the simulation advances it; exports stamped now carry the skew in force
   * now.
   */
  private long nowNanos = Long.MIN_VALUE;

  /**
   * @param skewByHost how far each skewed host's clock is off, and when
   */
  public HostClockSkew(TelemetrySink delegate, Map<String, Skew> skewByHost) {
    this(delegate, Map.of(), skewByHost);
  }

  /**
   * @param offsetByHost each host's offset in ns for the whole run (the small spread of clocks that
   *     NTP leaves), to which its skew adds
   * @param skewByHost how far each skewed host's clock is off, and when
   */
  public HostClockSkew(
      TelemetrySink delegate, Map<String, Long> offsetByHost, Map<String, Skew> skewByHost) {
    super(delegate);
    this.offsetByHost = Map.copyOf(offsetByHost);
    this.skewByHost = Map.copyOf(skewByHost);
  }

  @Override
  public void advanceTo(long simulatedNanos) {
    nowNanos = simulatedNanos;
    super.advanceTo(simulatedNanos);
  }

  /** The offset of the resource's host now, its whole-run offset and its skew; 0 when right. */
  private long offsetOf(Resource resource) {
    for (KeyValue attribute : resource.getAttributesList()) {
      if (attribute.getKey().equals(HOST)) {
        String host = attribute.getValue().getStringValue();
        Skew skew = skewByHost.get(host);
        return offsetByHost.getOrDefault(host, 0L)
            + (skew != null && skew.appliesAt(nowNanos) ? skew.offsetNanos() : 0);
      }
    }
    return 0;
  }

  private static long shifted(long timeNanos, long offset) {
    return timeNanos == 0 ? 0 : timeNanos + offset; // 0 means unset in OTLP
  }

  @Override
  public void traces(ExportTraceServiceRequest request) {
    ExportTraceServiceRequest.Builder out = request.toBuilder();
    for (ResourceSpans.Builder resource : out.getResourceSpansBuilderList()) {
      long offset = offsetOf(resource.getResource());
      if (offset == 0) {
        continue;
      }
      for (ScopeSpans.Builder scope : resource.getScopeSpansBuilderList()) {
        for (Span.Builder span : scope.getSpansBuilderList()) {
          span.setStartTimeUnixNano(shifted(span.getStartTimeUnixNano(), offset));
          span.setEndTimeUnixNano(shifted(span.getEndTimeUnixNano(), offset));
          for (Span.Event.Builder event : span.getEventsBuilderList()) {
            event.setTimeUnixNano(shifted(event.getTimeUnixNano(), offset));
          }
        }
      }
    }
    delegate.traces(out.build());
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    ExportMetricsServiceRequest.Builder out = request.toBuilder();
    for (ResourceMetrics.Builder resource : out.getResourceMetricsBuilderList()) {
      long offset = offsetOf(resource.getResource());
      if (offset == 0) {
        continue;
      }
      for (ScopeMetrics.Builder scope : resource.getScopeMetricsBuilderList()) {
        for (Metric.Builder metric : scope.getMetricsBuilderList()) {
          if (metric.hasGauge()) {
            metric
                .getGaugeBuilder()
                .getDataPointsBuilderList()
                .forEach(point -> shift(point, offset));
          } else if (metric.hasSum()) {
            metric
                .getSumBuilder()
                .getDataPointsBuilderList()
                .forEach(point -> shift(point, offset));
          } else if (metric.hasHistogram()) {
            for (HistogramDataPoint.Builder point :
                metric.getHistogramBuilder().getDataPointsBuilderList()) {
              point.setStartTimeUnixNano(shifted(point.getStartTimeUnixNano(), offset));
              point.setTimeUnixNano(shifted(point.getTimeUnixNano(), offset));
            }
          } else {
            throw new IllegalStateException(
                "the simulator does not export "
                    + metric.getDataCase()
                    + " metrics; shift them here first");
          }
        }
      }
    }
    delegate.metrics(out.build());
  }

  private static void shift(NumberDataPoint.Builder point, long offset) {
    point.setStartTimeUnixNano(shifted(point.getStartTimeUnixNano(), offset));
    point.setTimeUnixNano(shifted(point.getTimeUnixNano(), offset));
  }

  @Override
  public void logs(ExportLogsServiceRequest request) {
    ExportLogsServiceRequest.Builder out = request.toBuilder();
    for (ResourceLogs.Builder resource : out.getResourceLogsBuilderList()) {
      long offset = offsetOf(resource.getResource());
      if (offset == 0) {
        continue;
      }
      for (ScopeLogs.Builder scope : resource.getScopeLogsBuilderList()) {
        for (LogRecord.Builder log : scope.getLogRecordsBuilderList()) {
          log.setTimeUnixNano(shifted(log.getTimeUnixNano(), offset));
          log.setObservedTimeUnixNano(shifted(log.getObservedTimeUnixNano(), offset));
        }
      }
    }
    delegate.logs(out.build());
  }
}
