package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports the simulated counters and histograms with delta temporality, as SDKs configured for
 * delta (or a Collector's cumulative-to-delta processor) do: each point holds what happened since
 * the series' previous export, starting where that one ended. Gauges pass unchanged. A series whose
 * start time moved (a restarted instance) starts over from its new start.
 */
public final class DeltaTemporality extends ForwardingTelemetrySink {

  /**
   * The last cumulative point of a series: when it was taken, since when it counts, and its values.
   */
  private record Previous(long startNanos, long timeNanos, double[] values) {}

  private final Map<String, Previous> previous = new HashMap<>();

  public DeltaTemporality(TelemetrySink delegate) {
    super(delegate);
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    ExportMetricsServiceRequest.Builder out = request.toBuilder();
    for (ResourceMetrics.Builder resource : out.getResourceMetricsBuilderList()) {
      String resourceKey = resource.getResource().getAttributesList().toString();
      for (ScopeMetrics.Builder scope : resource.getScopeMetricsBuilderList()) {
        for (Metric.Builder metric : scope.getMetricsBuilderList()) {
          String metricKey = resourceKey + '|' + metric.getName();
          if (metric.hasSum()
              && metric.getSum().getAggregationTemporality()
                  == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
            metric
                .getSumBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
            for (NumberDataPoint.Builder point :
                metric.getSumBuilder().getDataPointsBuilderList()) {
              sumDelta(metricKey, point);
            }
          } else if (metric.hasHistogram()
              && metric.getHistogram().getAggregationTemporality()
                  == AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE) {
            metric
                .getHistogramBuilder()
                .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
            for (HistogramDataPoint.Builder point :
                metric.getHistogramBuilder().getDataPointsBuilderList()) {
              histogramDelta(metricKey, point);
            }
          }
        }
      }
    }
    delegate.metrics(out.build());
  }

  private void sumDelta(String metricKey, NumberDataPoint.Builder point) {
    double value = point.hasAsDouble() ? point.getAsDouble() : point.getAsInt();
    Previous last =
        remember(
            seriesKey(metricKey, point.getAttributesList()),
            point.getStartTimeUnixNano(),
            point.getTimeUnixNano(),
            new double[] {value});
    double since = last == null ? 0 : last.values()[0];
    point.setStartTimeUnixNano(last == null ? point.getStartTimeUnixNano() : last.timeNanos());
    if (point.hasAsInt()) {
      point.setAsInt(Math.round(value - since));
    } else {
      point.setAsDouble(value - since);
    }
  }

  private void histogramDelta(String metricKey, HistogramDataPoint.Builder point) {
    int buckets = point.getBucketCountsCount();
    double[] values = new double[buckets + 2];
    values[0] = point.getCount();
    values[1] = point.getSum();
    for (int i = 0; i < buckets; i++) {
      values[i + 2] = point.getBucketCounts(i);
    }
    Previous last =
        remember(
            seriesKey(metricKey, point.getAttributesList()),
            point.getStartTimeUnixNano(),
            point.getTimeUnixNano(),
            values);
    double[] since = last == null ? new double[values.length] : last.values();
    point.setStartTimeUnixNano(last == null ? point.getStartTimeUnixNano() : last.timeNanos());
    point.setCount(Math.round(values[0] - since[0]));
    point.setSum(values[1] - since[1]);
    for (int i = 0; i < buckets; i++) {
      point.setBucketCounts(i, Math.round(values[i + 2] - since[i + 2]));
    }
  }

  /**
   * Remembers a series' cumulative values and returns its previous export when this one continues
   * it; null for its first export, after a restart (a new start time) or a change of shape.
   */
  private Previous remember(String key, long startNanos, long timeNanos, double[] values) {
    Previous last = previous.put(key, new Previous(startNanos, timeNanos, values));
    return last != null && last.startNanos() == startNanos && last.values().length == values.length
        ? last
        : null;
  }

  private static String seriesKey(String metricKey, List<KeyValue> attributes) {
    return metricKey + '|' + attributes;
  }
}
