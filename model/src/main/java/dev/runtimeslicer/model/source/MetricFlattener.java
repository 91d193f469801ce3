package dev.runtimeslicer.model.source;

import com.google.protobuf.Message;
import dev.runtimeslicer.model.slice.CumulativeCounters;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;

/**
 * Flattens OTLP metrics: number points as levels or counter rates, histograms (explicit and
 * exponential) and summaries as the series slices carry.
 */
final class MetricFlattener {

  private static final double[] HISTOGRAM_QUANTILES = {0.5, 0.99};
  private static final String[] HISTOGRAM_QUANTILE_SUFFIXES = {":p50", ":p99"};

  /**
   * How a number point's series is kept: as a level, or as a counter whose increase per window
   * slices carry.
   */
  private enum PointKind {
    GAUGE,
    CUMULATIVE_COUNTER,
    DELTA_COUNTER
  }

  private final FlatteningContext context;
  private final DecoderSettings settings;

  MetricFlattener(FlatteningContext context) {
    this.context = context;
    this.settings = context.settings;
  }

  /** Flattens every point of {@code request}. */
  void flatten(ExportMetricsServiceRequest request) {
    for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
      ResourceIdentity id = context.identity(resourceMetrics.getResource());
      if (!context.acceptResource(
          id,
          Signal.METRIC,
          ExportMetricsServiceRequest.newBuilder().addResourceMetrics(resourceMetrics).build())) {
        continue;
      }
      for (ScopeMetrics scope : resourceMetrics.getScopeMetricsList()) {
        for (Metric metric : scope.getMetricsList()) {
          metric(id, resourceMetrics, scope, metric);
        }
      }
    }
  }

  private void metric(
      ResourceIdentity id, ResourceMetrics resource, ScopeMetrics scope, Metric metric) {
    String name = context.cut(metric.getName());
    switch (metric.getDataCase()) {
      case GAUGE ->
          numberPoints(
              id,
              resource,
              scope,
              metric,
              name,
              metric.getGauge().getDataPointsList(),
              settings.counterGauges().contains(name)
                  ? PointKind.CUMULATIVE_COUNTER
                  : PointKind.GAUGE);
      case SUM -> {
        // Cumulative counters become rates per window in the slice (CumulativeCounters).
        // Delta counters (counts per export interval) become the same rates by summing.
        AggregationTemporality temporality = metric.getSum().getAggregationTemporality();
        PointKind kind =
            !metric.getSum().getIsMonotonic()
                ? PointKind.GAUGE
                : temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE
                    ? PointKind.CUMULATIVE_COUNTER
                    : temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA
                        ? PointKind.DELTA_COUNTER
                        : PointKind.GAUGE;
        numberPoints(id, resource, scope, metric, name, metric.getSum().getDataPointsList(), kind);
      }
      case HISTOGRAM -> {
        for (HistogramDataPoint point : metric.getHistogram().getDataPointsList()) {
          histogramPoint(
              id,
              name,
              point,
              metric.getHistogram().getAggregationTemporality(),
              () ->
                  single(
                      resource,
                      scope,
                      metric.toBuilder()
                          .setHistogram(
                              metric.getHistogram().toBuilder()
                                  .clearDataPoints()
                                  .addDataPoints(point))
                          .build()));
        }
      }
      case EXPONENTIAL_HISTOGRAM -> {
        for (ExponentialHistogramDataPoint point :
            metric.getExponentialHistogram().getDataPointsList()) {
          exponentialPoint(
              id,
              name,
              point,
              metric.getExponentialHistogram().getAggregationTemporality(),
              () ->
                  single(
                      resource,
                      scope,
                      metric.toBuilder()
                          .setExponentialHistogram(
                              metric.getExponentialHistogram().toBuilder()
                                  .clearDataPoints()
                                  .addDataPoints(point))
                          .build()));
        }
      }
      case SUMMARY -> {
        for (SummaryDataPoint point : metric.getSummary().getDataPointsList()) {
          summaryPoint(
              id,
              name,
              point,
              () ->
                  single(
                      resource,
                      scope,
                      metric.toBuilder()
                          .setSummary(
                              metric.getSummary().toBuilder()
                                  .clearDataPoints()
                                  .addDataPoints(point))
                          .build()));
        }
      }
      case DATA_NOT_SET -> {} // a metric without data carries nothing to keep
    }
  }

  private void numberPoints(
      ResourceIdentity id,
      ResourceMetrics resource,
      ScopeMetrics scope,
      Metric metric,
      String name,
      List<NumberDataPoint> points,
      PointKind kind) {
    for (NumberDataPoint point : points) {
      double value =
          point.getValueCase() == NumberDataPoint.ValueCase.AS_INT
              ? point.getAsInt()
              : point.getAsDouble();
      String problem = context.timeProblem(point.getTimeUnixNano());
      if (problem == null && !Double.isFinite(value)) {
        problem = "non_finite";
      }
      if (problem != null) {
        Metric onePoint =
            metric.hasGauge()
                ? metric.toBuilder()
                    .setGauge(metric.getGauge().toBuilder().clearDataPoints().addDataPoints(point))
                    .build()
                : metric.toBuilder()
                    .setSum(metric.getSum().toBuilder().clearDataPoints().addDataPoints(point))
                    .build();
        context.rejectItem(problem, "point of metric " + name, single(resource, scope, onePoint));
        continue;
      }
      String key =
          switch (kind) {
            case CUMULATIVE_COUNTER ->
                CumulativeCounters.paneKey(
                    OtlpValues.metricKey(
                        settings, name, CumulativeCounters.SUFFIX, point.getAttributesList()),
                    id.instance());
            case DELTA_COUNTER ->
                CumulativeCounters.paneKey(
                    OtlpValues.metricKey(
                        settings, name, CumulativeCounters.DELTA_SUFFIX, point.getAttributesList()),
                    id.instance());
            case GAUGE -> OtlpValues.metricKey(settings, name, "", point.getAttributesList());
          };
      emitPoint(id, point.getTimeUnixNano(), key, value);
    }
  }

  /**
   * A histogram's observations and their sum as two counters ({@code counterSuffix}: cumulative or
   * delta), which slices carry as rates per window. A cumulative histogram counts since its process
   * started, so its quantiles are of the process's lifetime and these counters are all it gives; a
   * delta one gives them beside its interval's own statistics, so both temporalities rate alike.
   */
  private void histogramCounters(
      ResourceIdentity id,
      long time,
      String name,
      List<KeyValue> attributes,
      long count,
      double sum,
      String counterSuffix) {
    emitPoint(
        id,
        time,
        CumulativeCounters.paneKey(
            OtlpValues.metricKey(settings, name, ":count" + counterSuffix, attributes),
            id.instance()),
        count);
    if (Double.isFinite(sum)) {
      emitPoint(
          id,
          time,
          CumulativeCounters.paneKey(
              OtlpValues.metricKey(settings, name, ":sum" + counterSuffix, attributes),
              id.instance()),
          sum);
    }
  }

  private static boolean cumulative(AggregationTemporality temporality) {
    return temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE;
  }

  /**
   * One point of either kind of histogram, as far as slices use it: its time, attributes, count,
   * sum (NaN when absent) and quantiles; {@code finite} is false when a reported statistic is NaN
   * or infinite.
   */
  private record HistogramPoint(
      long timeNanos,
      List<KeyValue> attributes,
      long count,
      double sum,
      boolean finite,
      DoubleUnaryOperator quantile) {}

  private void histogramPoint(
      ResourceIdentity id,
      String name,
      HistogramDataPoint point,
      AggregationTemporality temporality,
      Supplier<Message> single) {
    boolean finite =
        !(point.hasSum() && !Double.isFinite(point.getSum()))
            && !(point.hasMin() && !Double.isFinite(point.getMin()))
            && !(point.hasMax() && !Double.isFinite(point.getMax()));
    histogram(
        id,
        name,
        "histogram",
        new HistogramPoint(
            point.getTimeUnixNano(),
            point.getAttributesList(),
            point.getCount(),
            point.hasSum() ? point.getSum() : Double.NaN,
            finite,
            q -> HistogramQuantiles.explicitBuckets(point, q)),
        temporality,
        single);
  }

  private void exponentialPoint(
      ResourceIdentity id,
      String name,
      ExponentialHistogramDataPoint point,
      AggregationTemporality temporality,
      Supplier<Message> single) {
    boolean finite = !(point.hasSum() && !Double.isFinite(point.getSum()));
    histogram(
        id,
        name,
        "exponential histogram",
        new HistogramPoint(
            point.getTimeUnixNano(),
            point.getAttributesList(),
            point.getCount(),
            point.hasSum() ? point.getSum() : Double.NaN,
            finite,
            q -> HistogramQuantiles.exponentialBuckets(point, q)),
        temporality,
        single);
  }

  /**
   * A histogram point of either kind: cumulative ones become counters of observations and their
   * sum; delta ones become the same counters and also keep their interval's count, mean and
   * quantiles.
   */
  private void histogram(
      ResourceIdentity id,
      String name,
      String kind,
      HistogramPoint point,
      AggregationTemporality temporality,
      Supplier<Message> single) {
    String problem = context.timeProblem(point.timeNanos());
    if (problem == null && !point.finite()) {
      problem = "non_finite";
    }
    if (problem != null) {
      context.rejectItem(problem, kind + " point of metric " + name, single.get());
      return;
    }
    long time = point.timeNanos();
    List<KeyValue> attributes = point.attributes();
    if (cumulative(temporality)) {
      histogramCounters(
          id, time, name, attributes, point.count(), point.sum(), CumulativeCounters.SUFFIX);
      return;
    }
    if (temporality == AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA) {
      histogramCounters(
          id, time, name, attributes, point.count(), point.sum(), CumulativeCounters.DELTA_SUFFIX);
    }
    emitPoint(id, time, OtlpValues.metricKey(settings, name, ":count", attributes), point.count());
    if (point.count() == 0) {
      return;
    }
    if (!Double.isNaN(point.sum())) {
      emitPoint(
          id,
          time,
          OtlpValues.metricKey(settings, name, ":mean", attributes),
          point.sum() / point.count());
    }
    for (int q = 0; q < HISTOGRAM_QUANTILES.length; q++) {
      double value = point.quantile().applyAsDouble(HISTOGRAM_QUANTILES[q]);
      if (Double.isFinite(value)) {
        emitPoint(
            id,
            time,
            OtlpValues.metricKey(settings, name, HISTOGRAM_QUANTILE_SUFFIXES[q], attributes),
            value);
      }
    }
  }

  private void summaryPoint(
      ResourceIdentity id, String name, SummaryDataPoint point, Supplier<Message> single) {
    String problem = context.timeProblem(point.getTimeUnixNano());
    if (problem == null && !Double.isFinite(point.getSum())) {
      problem = "non_finite";
    }
    if (problem == null) {
      for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
        if (!Double.isFinite(quantile.getValue())) {
          problem = "non_finite";
        }
      }
    }
    if (problem != null) {
      context.rejectItem(problem, "summary point of metric " + name, single.get());
      return;
    }
    long time = point.getTimeUnixNano();
    List<KeyValue> attributes = point.getAttributesList();
    emitPoint(
        id, time, OtlpValues.metricKey(settings, name, ":count", attributes), point.getCount());
    if (point.getCount() > 0) {
      emitPoint(
          id,
          time,
          OtlpValues.metricKey(settings, name, ":mean", attributes),
          point.getSum() / point.getCount());
    }
    for (SummaryDataPoint.ValueAtQuantile quantile : point.getQuantileValuesList()) {
      emitPoint(
          id,
          time,
          OtlpValues.metricKey(settings, name, ":q" + quantile.getQuantile(), attributes),
          quantile.getValue());
    }
  }

  private Message single(ResourceMetrics resource, ScopeMetrics scope, Metric onePoint) {
    return ExportMetricsServiceRequest.newBuilder()
        .addResourceMetrics(
            resource.toBuilder()
                .clearScopeMetrics()
                .addScopeMetrics(scope.toBuilder().clearMetrics().addMetrics(onePoint)))
        .build();
  }

  private void emitPoint(ResourceIdentity id, long unixNanos, String key, double value) {
    TelemetryRecord record = context.record(Signal.METRIC, id, unixNanos);
    record.metric = new MetricPoint(key, value);
    record.recordId =
        new RecordIdHash()
            .add(Signal.METRIC.ordinal())
            .add(id.system())
            .add(id.service())
            .add(id.instance())
            .add(key)
            .add(unixNanos)
            .add(Double.doubleToLongBits(value))
            .id();
    context.emit(record);
  }
}
