package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.simulator.fault.FaultSpec;
import dev.runtimeslicer.simulator.system.SystemCatalog;
import dev.runtimeslicer.simulator.system.SystemModel;
import dev.runtimeslicer.simulator.system.Topology;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class MetricNamingTest {

  @Test
  void aPrometheusSystemNamesMetricsAsItsExportersDoAndSplitsDirections() {
    CollectingSink sink = simulate("prometheus");
    Set<String> names = names(sink.metrics);

    assertThat(names)
        .contains(
            "container_cpu_utilization_ratio",
            "container_memory_working_set_bytes",
            "container_network_receive_bytes_total",
            "container_network_transmit_bytes_total",
            "container_fs_reads_bytes_total",
            "kube_pod_container_status_restarts_total",
            "jvm_threads_live_threads",
            "http_server_requests_seconds",
            "grpc_server_handling_seconds",
            "db_server_operations_seconds");
    assertThat(names).noneMatch(name -> name.contains("."));
    // Directions are metrics of their own, so no point carries a direction attribute.
    assertThat(metrics(sink.metrics, "container_network_receive_bytes_total"))
        .allSatisfy(m -> assertThat(m.getSum().getDataPoints(0).getAttributesList()).isEmpty());
  }

  @Test
  void restartsAreACounterOverTheRunThatAKilledPodRaises() {
    CollectingSink sink = simulate("prometheus");
    List<Double> killedPodRestarts = new ArrayList<>();
    Set<Long> starts = new TreeSet<>();
    for (ExportMetricsServiceRequest request : sink.metrics) {
      for (ResourceMetrics resource : request.getResourceMetricsList()) {
        boolean killedPod =
            resource.getResource().getAttributesList().stream()
                .anyMatch(
                    a ->
                        a.getKey().equals("k8s.pod.name")
                            && a.getValue().getStringValue().startsWith("cartservice-"));
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          for (Metric metric : scope.getMetricsList()) {
            if (metric.getName().equals("kube_pod_container_status_restarts_total")) {
              assertThat(metric.getSum().getIsMonotonic()).isTrue();
              assertThat(metric.getSum().getAggregationTemporality())
                  .isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
              NumberDataPoint point = metric.getSum().getDataPoints(0);
              starts.add(point.getStartTimeUnixNano());
              if (killedPod) {
                killedPodRestarts.add(point.getAsDouble());
              }
            }
          }
        }
      }
    }
    // One start for every pod's counter: it counts since the run began, across restarts (read on
    // each pod's host clock, which are a few ms apart).
    assertThat(Collections.max(starts) - Collections.min(starts))
        .isLessThanOrEqualTo(2 * Simulation.DEFAULT_CLOCK_SPREAD.toNanos());
    // Before the kill no cartservice pod had restarted; after it, the killed one has.
    assertThat(killedPodRestarts.get(0)).isZero();
    assertThat(killedPodRestarts.stream().mapToDouble(Double::doubleValue).max().orElseThrow())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void anOpenTelemetrySystemKeepsTheSemanticConventions() {
    Set<String> names = names(simulate(null).metrics);

    assertThat(names)
        .contains(
            "container.memory.usage",
            "container.network.io",
            "k8s.container.restart.count",
            "http.server.request.duration");
    assertThat(names).noneMatch(name -> name.contains("_"));
  }

  @Test
  void anUnknownNamingIsRefusedWhenTheSystemIsCompiled() {
    assertThatThrownBy(() -> Topology.compile(withNaming("statsd")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown metricNaming 'statsd'")
        .hasMessageContaining("otel or prometheus");
  }

  private static CollectingSink simulate(String naming) {
    CollectingSink sink = new CollectingSink();
    Simulation.builder()
        .system(withNaming(naming))
        .duration(Duration.ofMinutes(4))
        .seed(3)
        .duplicateDeliveries(0)
        .faults(List.of(new FaultSpec("pod_kill", "cartservice", "0", null, "1m", "1m", 0.8)))
        .build()
        .run(sink);
    return sink;
  }

  /** online-shop with a redis store whose metrics are named by {@code naming}. */
  private static SystemModel withNaming(String naming) {
    SystemModel shop = SystemCatalog.builtIn("online-shop");
    return new SystemModel(
        shop.name(),
        shop.description(),
        shop.defaults(),
        shop.nodes(),
        shop.workload(),
        shop.services(),
        naming);
  }

  private static Set<String> names(List<ExportMetricsServiceRequest> requests) {
    Set<String> names = new TreeSet<>();
    for (ExportMetricsServiceRequest request : requests) {
      for (ResourceMetrics resource : request.getResourceMetricsList()) {
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          scope.getMetricsList().forEach(metric -> names.add(metric.getName()));
        }
      }
    }
    return names;
  }

  private static List<Metric> metrics(List<ExportMetricsServiceRequest> requests, String name) {
    List<Metric> out = new ArrayList<>();
    for (ExportMetricsServiceRequest request : requests) {
      for (ResourceMetrics resource : request.getResourceMetricsList()) {
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          for (Metric metric : scope.getMetricsList()) {
            if (metric.getName().equals(name)) {
              out.add(metric);
            }
          }
        }
      }
    }
    return out;
  }
}
