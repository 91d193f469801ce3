package dev.runtimeslicer.simulator;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/** Flattened views of collected telemetry with the few aggregations the tests need. */
final class Telemetry {

  /** A span with the service and instance that reported it. */
  record SpanRow(String service, String instance, String node, Span span) {
    double millis() {
      return (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1e6;
    }

    boolean failed() {
      return span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR;
    }

    String attribute(String key) {
      return Telemetry.attribute(span.getAttributesList(), key);
    }
  }

  /** A metric data point with its reporting instance. */
  record PointRow(String service, String instance, String metric, NumberDataPoint point) {
    double value() {
      return point.hasAsDouble() || point.getValueCase() == NumberDataPoint.ValueCase.AS_DOUBLE
          ? point.getAsDouble()
          : point.getAsInt();
    }
  }

  /** A log record with its reporting service and instance. */
  record LogRow(String service, String instance, LogRecord record) {
    String body() {
      return record.getBody().getStringValue();
    }
  }

  final List<SpanRow> spans = new ArrayList<>();
  final List<PointRow> points = new ArrayList<>();
  final List<Metric> metrics = new ArrayList<>();
  final List<LogRow> logs = new ArrayList<>();

  Telemetry(CollectingSink sink) {
    sink.traces.forEach(
        request -> {
          for (ResourceSpans resource : request.getResourceSpansList()) {
            for (ScopeSpans scope : resource.getScopeSpansList()) {
              for (Span span : scope.getSpansList()) {
                spans.add(
                    new SpanRow(
                        resourceAttribute(resource.getResource(), "service.name"),
                        resourceAttribute(resource.getResource(), "service.instance.id"),
                        resourceAttribute(resource.getResource(), "k8s.node.name"),
                        span));
              }
            }
          }
        });
    sink.metrics.forEach(
        request -> {
          for (ResourceMetrics resource : request.getResourceMetricsList()) {
            String service = resourceAttribute(resource.getResource(), "service.name");
            String instance = resourceAttribute(resource.getResource(), "service.instance.id");
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
              for (Metric metric : scope.getMetricsList()) {
                metrics.add(metric);
                List<NumberDataPoint> data =
                    metric.hasGauge()
                        ? metric.getGauge().getDataPointsList()
                        : metric.hasSum() ? metric.getSum().getDataPointsList() : List.of();
                for (NumberDataPoint point : data) {
                  points.add(new PointRow(service, instance, metric.getName(), point));
                }
              }
            }
          }
        });
    sink.logs.forEach(
        request -> {
          for (ResourceLogs resource : request.getResourceLogsList()) {
            for (ScopeLogs scope : resource.getScopeLogsList()) {
              for (LogRecord record : scope.getLogRecordsList()) {
                logs.add(
                    new LogRow(
                        resourceAttribute(resource.getResource(), "service.name"),
                        resourceAttribute(resource.getResource(), "service.instance.id"),
                        record));
              }
            }
          }
        });
  }

  static String resourceAttribute(Resource resource, String key) {
    return attribute(resource.getAttributesList(), key);
  }

  static String attribute(List<KeyValue> attributes, String key) {
    for (KeyValue attribute : attributes) {
      if (attribute.getKey().equals(key)) {
        return attribute.getValue().hasStringValue()
            ? attribute.getValue().getStringValue()
            : Long.toString(attribute.getValue().getIntValue());
      }
    }
    return null;
  }

  /** Spans matching a filter that start within [from, to) epoch nanos. */
  List<SpanRow> spans(Predicate<SpanRow> filter, long from, long to) {
    return spans.stream()
        .filter(
            row ->
                row.span.getStartTimeUnixNano() >= from
                    && row.span.getStartTimeUnixNano() < to
                    && filter.test(row))
        .toList();
  }

  static double errorRate(List<SpanRow> rows) {
    return rows.isEmpty()
        ? 0
        : rows.stream().filter(SpanRow::failed).count() / (double) rows.size();
  }

  static double meanMillis(List<SpanRow> rows) {
    return rows.stream().mapToDouble(SpanRow::millis).average().orElse(0);
  }

  static double quantileMillis(List<SpanRow> rows, double q) {
    double[] values = rows.stream().mapToDouble(SpanRow::millis).sorted().toArray();
    return values.length == 0
        ? 0
        : values[(int) Math.min(values.length - 1, Math.floor(q * values.length))];
  }

  /** Mean of a gauge or sum metric over points of matching instances at times within [from, to]. */
  double meanMetric(String metric, Predicate<PointRow> filter, long from, long to) {
    return pointValues(metric, filter, from, to).average().orElse(Double.NaN);
  }

  /** Max of a metric over points of matching instances at times within [from, to]. */
  double maxMetric(String metric, Predicate<PointRow> filter, long from, long to) {
    return pointValues(metric, filter, from, to).max().orElse(Double.NaN);
  }

  private java.util.stream.DoubleStream pointValues(
      String metric, Predicate<PointRow> filter, long from, long to) {
    return points.stream()
        .filter(
            row ->
                row.metric.equals(metric)
                    && row.point.getTimeUnixNano() >= from
                    && row.point.getTimeUnixNano() <= to
                    && filter.test(row))
        .mapToDouble(PointRow::value);
  }

  /** Log rows matching a filter with times within [from, to). */
  List<LogRow> logs(Predicate<LogRow> filter, long from, long to) {
    return logs.stream()
        .filter(
            row ->
                row.record.getTimeUnixNano() >= from
                    && row.record.getTimeUnixNano() < to
                    && filter.test(row))
        .toList();
  }

  static List<String> names(List<Metric> metrics) {
    return metrics.stream().map(Metric::getName).distinct().sorted().toList();
  }

  static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }

  static boolean allZero(byte[] bytes) {
    byte[] zero = new byte[bytes.length];
    return Arrays.equals(bytes, zero);
  }
}
