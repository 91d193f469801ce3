package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.simulator.system.MetricNaming;
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

  private final MetricNaming naming;

  /** Start of the run: where counters that outlive a container's restarts begin. */
  private final long runStartNanos;

  /** An export builder over the given resources, naming metrics by {@code naming}. */
  public MetricsExport(Resources resources, MetricNaming naming, long runStartNanos) {
    this.resources = resources;
    this.naming = naming;
    this.runStartNanos = runStartNanos;
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
        gauge(
            naming.name("container.cpu.utilization", "container_cpu_utilization_ratio"),
            "1",
            gaugePoint(timeNanos, gauges.cpuUtilization())));
    scope.addMetrics(
        gauge(
            naming.name("container.memory.usage", "container_memory_working_set_bytes"),
            "By",
            gaugePoint(timeNanos, gauges.memoryBytes())));
    scope.addMetrics(
        gauge(
            naming.name("container.memory.limit", "container_spec_memory_limit_bytes"),
            "By",
            gaugePoint(timeNanos, gauges.memoryLimitBytes())));
    directional(
        scope,
        "container.network.io",
        "container_network_receive_bytes_total",
        "container_network_transmit_bytes_total",
        "By",
        start,
        timeNanos,
        metrics.receivedBytes(),
        metrics.transmittedBytes(),
        RECEIVE,
        TRANSMIT);
    directional(
        scope,
        "container.network.errors",
        "container_network_receive_errors_total",
        "container_network_transmit_errors_total",
        "{packet}",
        start,
        timeNanos,
        Math.floor(metrics.receiveErrors()),
        Math.floor(metrics.transmitErrors()),
        RECEIVE,
        TRANSMIT);
    if (naming == MetricNaming.OTEL) {
      scope.addMetrics(
          gauge(
              "k8s.container.restart.count",
              "{restart}",
              intGaugePoint(timeNanos, gauges.restarts())));
    } else {
      // kube-state-metrics counts a pod's restarts since the pod began, not since the last one.
      scope.addMetrics(
          counter(
              "kube_pod_container_status_restarts_total",
              "1",
              sumPoint(runStartNanos, timeNanos, gauges.restarts())));
    }
    if (service.kind().isStorage()) {
      directional(
          scope,
          "container.disk.io",
          "container_fs_reads_bytes_total",
          "container_fs_writes_bytes_total",
          "By",
          start,
          timeNanos,
          metrics.diskReadBytes(),
          metrics.diskWriteBytes(),
          READ,
          WRITE);
      scope.addMetrics(
          gauge(
              naming.name(
                  "container.disk.operation.duration", "container_fs_io_time_seconds_per_op"),
              "s",
              gaugePoint(timeNanos, metrics.windowDiskOperationSeconds())));
    } else {
      scope.addMetrics(
          gauge(
              naming.name("process.runtime.jvm.threads.count", "jvm_threads_live_threads"),
              "{thread}",
              intGaugePoint(timeNanos, gauges.threads())));
    }
    String prefix = requestMetricPrefix(service.protocol(), naming);
    scope.addMetrics(
        histogram(prefix + naming.name(".duration", "_seconds"), metrics, start, timeNanos));
    int requests = metrics.windowRequests();
    scope.addMetrics(
        gauge(
            prefix + naming.name(".rate", "_per_second"),
            "{request}/s",
            gaugePoint(timeNanos, requests / windowSeconds)));
    scope.addMetrics(
        gauge(
            prefix + naming.name(".error.rate", "_error_ratio"),
            "1",
            gaugePoint(timeNanos, requests == 0 ? 0 : (double) metrics.windowErrors() / requests)));
    Metric.Builder quantiles =
        Metric.newBuilder()
            .setName(prefix + naming.name(".duration.quantile", "_seconds_quantile"))
            .setUnit("s");
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
  public static String requestMetricPrefix(Protocol protocol, MetricNaming naming) {
    return switch (protocol) {
      case HTTP -> naming.name("http.server.request", "http_server_requests");
      case GRPC -> naming.name("rpc.server.call", "grpc_server_handling");
      case DB -> naming.name("db.server.operation", "db_server_operations");
    };
  }

  /**
   * A counter of two directions: one metric with a direction attribute under the OpenTelemetry
   * conventions, one metric per direction under Prometheus'.
   */
  private void directional(
      ScopeMetrics.Builder scope,
      String otel,
      String prometheusFirst,
      String prometheusSecond,
      String unit,
      long start,
      long time,
      double first,
      double second,
      KeyValue firstDirection,
      KeyValue secondDirection) {
    if (naming == MetricNaming.OTEL) {
      scope.addMetrics(
          counter(
              otel,
              unit,
              sumPoint(start, time, first).toBuilder().addAttributes(firstDirection).build(),
              sumPoint(start, time, second).toBuilder().addAttributes(secondDirection).build()));
    } else {
      scope.addMetrics(counter(prometheusFirst, unit, sumPoint(start, time, first)));
      scope.addMetrics(counter(prometheusSecond, unit, sumPoint(start, time, second)));
    }
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

  private static NumberDataPoint sumPoint(long start, long time, double value) {
    return NumberDataPoint.newBuilder()
        .setStartTimeUnixNano(start)
        .setTimeUnixNano(time)
        .setAsDouble(Math.floor(value))
        .build();
  }
}
