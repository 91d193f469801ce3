package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.simulator.system.Protocol;
import dev.runtimeslicer.simulator.system.Service;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Gauge;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.Sum;
import java.util.Arrays;
import java.util.List;

/**
 * Builds the per-window metrics export: for each instance, container resource metrics, JVM thread
 * count, the request duration histogram (cumulative) and per-window request rate, error rate and
 * duration quantiles, named by protocol ({@code http.server.request.*}, {@code rpc.server.call.*},
 * {@code db.server.operation.*}).
 */
public final class MetricsExport {

  private static final KeyValue RECEIVE = Resources.string("network.io.direction", "receive");
  private static final KeyValue TRANSMIT = Resources.string("network.io.direction", "transmit");
  private static final KeyValue READ = Resources.string("disk.io.direction", "read");
  private static final KeyValue WRITE = Resources.string("disk.io.direction", "write");
  private static final double[] QUANTILES = {0.5, 0.95, 0.99};
  private static final KeyValue[] QUANTILE_ATTRIBUTES =
      Arrays.stream(QUANTILES)
          .mapToObj(q -> Resources.string("quantile", Double.toString(q)))
          .toArray(KeyValue[]::new);
  private static final List<Double> BOUNDS =
      Arrays.stream(InstanceMetrics.DURATION_BOUNDS).boxed().toList();

  private final Resources resources;
  private ExportMetricsServiceRequest.Builder request = ExportMetricsServiceRequest.newBuilder();

  /** An export builder over the given resources. */
  public MetricsExport(Resources resources) {
    this.resources = resources;
  }

  /** Adds one instance's metrics for the window ending at {@code timeNanos}. */
  public void add(
      int instance,
      Service service,
      InstanceMetrics metrics,
      InstanceGauges gauges,
      long timeNanos,
      double windowSeconds) {
    long start = metrics.startNanos();
    ScopeMetrics.Builder scope = ScopeMetrics.newBuilder().setScope(Resources.SCOPE);
    scope.addMetrics(
        gauge("container.cpu.utilization", "1", gaugePoint(timeNanos, gauges.cpuUtilization())));
    scope.addMetrics(
        gauge("container.memory.usage", "By", gaugePoint(timeNanos, gauges.memoryBytes())));
    scope.addMetrics(
        gauge("container.memory.limit", "By", gaugePoint(timeNanos, gauges.memoryLimitBytes())));
    scope.addMetrics(
        counter(
            "container.network.io",
            "By",
            sumPoint(start, timeNanos, metrics.receivedBytes(), RECEIVE),
            sumPoint(start, timeNanos, metrics.transmittedBytes(), TRANSMIT)));
    scope.addMetrics(
        counter(
            "container.network.errors",
            "{packet}",
            sumPoint(start, timeNanos, Math.floor(metrics.receiveErrors()), RECEIVE),
            sumPoint(start, timeNanos, Math.floor(metrics.transmitErrors()), TRANSMIT)));
    scope.addMetrics(
        gauge(
            "k8s.container.restart.count",
            "{restart}",
            intGaugePoint(timeNanos, gauges.restarts())));
    if (service.kind().isStorage()) {
      scope.addMetrics(
          counter(
              "container.disk.io",
              "By",
              sumPoint(start, timeNanos, metrics.diskReadBytes(), READ),
              sumPoint(start, timeNanos, metrics.diskWriteBytes(), WRITE)));
      scope.addMetrics(
          gauge(
              "container.disk.operation.duration",
              "s",
              gaugePoint(timeNanos, metrics.windowDiskOperationSeconds())));
    } else {
      scope.addMetrics(
          gauge(
              "process.runtime.jvm.threads.count",
              "{thread}",
              intGaugePoint(timeNanos, gauges.threads())));
    }
    String prefix = requestMetricPrefix(service.protocol());
    scope.addMetrics(histogram(prefix + ".duration", metrics, start, timeNanos));
    int requests = metrics.windowRequests();
    scope.addMetrics(
        gauge(prefix + ".rate", "{request}/s", gaugePoint(timeNanos, requests / windowSeconds)));
    scope.addMetrics(
        gauge(
            prefix + ".error.rate",
            "1",
            gaugePoint(timeNanos, requests == 0 ? 0 : (double) metrics.windowErrors() / requests)));
    Metric.Builder quantiles =
        Metric.newBuilder().setName(prefix + ".duration.quantile").setUnit("s");
    Gauge.Builder quantilePoints = Gauge.newBuilder();
    for (int i = 0; i < QUANTILES.length; i++) {
      quantilePoints.addDataPoints(
          gaugePoint(timeNanos, metrics.windowQuantile(QUANTILES[i])).toBuilder()
              .addAttributes(QUANTILE_ATTRIBUTES[i]));
    }
    scope.addMetrics(quantiles.setGauge(quantilePoints));
    request.addResourceMetrics(
        ResourceMetrics.newBuilder().setResource(resources.of(instance)).addScopeMetrics(scope));
  }

  /** The metric name prefix of request metrics for a protocol. */
  public static String requestMetricPrefix(Protocol protocol) {
    return switch (protocol) {
      case HTTP -> "http.server.request";
      case GRPC -> "rpc.server.call";
      case DB -> "db.server.operation";
    };
  }

  /** Whether any instance was added since the last drain. */
  public boolean isEmpty() {
    return request.getResourceMetricsCount() == 0;
  }

  /** The export request, then starts a new one. */
  public ExportMetricsServiceRequest drain() {
    ExportMetricsServiceRequest built = request.build();
    request = ExportMetricsServiceRequest.newBuilder();
    return built;
  }

  private static Metric histogram(String name, InstanceMetrics metrics, long start, long time) {
    HistogramDataPoint.Builder point =
        HistogramDataPoint.newBuilder()
            .setStartTimeUnixNano(start)
            .setTimeUnixNano(time)
            .setCount(metrics.histogramCount())
            .setSum(metrics.histogramSum())
            .addAllExplicitBounds(BOUNDS);
    for (long count : metrics.bucketCounts()) {
      point.addBucketCounts(count);
    }
    return Metric.newBuilder()
        .setName(name)
        .setUnit("s")
        .setHistogram(
            Histogram.newBuilder()
                .setAggregationTemporality(
                    AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
                .addDataPoints(point))
        .build();
  }

  private static Metric gauge(String name, String unit, NumberDataPoint point) {
    return Metric.newBuilder()
        .setName(name)
        .setUnit(unit)
        .setGauge(Gauge.newBuilder().addDataPoints(point))
        .build();
  }

  private static Metric counter(String name, String unit, NumberDataPoint... points) {
    Sum.Builder sum =
        Sum.newBuilder()
            .setAggregationTemporality(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE)
            .setIsMonotonic(true);
    for (NumberDataPoint point : points) {
      sum.addDataPoints(point);
    }
    return Metric.newBuilder().setName(name).setUnit(unit).setSum(sum).build();
  }

  private static NumberDataPoint gaugePoint(long time, double value) {
    return NumberDataPoint.newBuilder().setTimeUnixNano(time).setAsDouble(value).build();
  }

  private static NumberDataPoint intGaugePoint(long time, long value) {
    return NumberDataPoint.newBuilder().setTimeUnixNano(time).setAsInt(value).build();
  }

  private static NumberDataPoint sumPoint(long start, long time, double value, KeyValue attribute) {
    return NumberDataPoint.newBuilder()
        .setStartTimeUnixNano(start)
        .setTimeUnixNano(time)
        .setAsDouble(Math.floor(value))
        .addAttributes(attribute)
        .build();
  }
}
