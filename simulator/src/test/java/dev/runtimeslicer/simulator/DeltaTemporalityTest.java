package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.simulator.fault.FaultSpec;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeltaTemporalityTest {

  /** A restart within the run: the killed instance's counters start over. */
  private static CollectingSink simulate(Simulation.MetricTemporality temporality) {
    CollectingSink sink = new CollectingSink();
    Simulation.builder()
        .system("online-shop")
        .duration(Duration.ofMinutes(4))
        .seed(3)
        .duplicateDeliveries(0)
        .faults(List.of(new FaultSpec("pod_kill", "cartservice", "0", null, "1m", "1m", 0.8)))
        .metricTemporality(temporality)
        .build()
        .run(sink);
    return sink;
  }

  /**
   * Per series (resource, metric, attributes), the sum of every point's value and, for histograms,
   * count.
   */
  private static Map<String, double[]> totals(
      List<ExportMetricsServiceRequest> requests, boolean delta, int[] continued) {
    Map<String, double[]> totals = new HashMap<>();
    Map<String, Long> lastStart = new HashMap<>();
    for (ExportMetricsServiceRequest request : requests) {
      for (ResourceMetrics resource : request.getResourceMetricsList()) {
        for (ScopeMetrics scope : resource.getScopeMetricsList()) {
          for (Metric metric : scope.getMetricsList()) {
            String prefix =
                resource.getResource().getAttributesList() + "|" + metric.getName() + "|";
            if (metric.hasSum()) {
              for (NumberDataPoint point : metric.getSum().getDataPointsList()) {
                double value = point.hasAsDouble() ? point.getAsDouble() : point.getAsInt();
                String key = prefix + point.getAttributesList();
                if (delta) {
                  // each point starts where the series' previous one ended
                  Long previousEnd = lastStart.put(key, point.getTimeUnixNano());
                  if (previousEnd != null) {
                    // where the previous point ended, or later when the process restarted in
                    // between
                    assertThat(point.getStartTimeUnixNano())
                        .as("start of %s", key)
                        .isGreaterThanOrEqualTo(previousEnd);
                    continued[point.getStartTimeUnixNano() == previousEnd ? 0 : 1]++;
                  }
                  totals.computeIfAbsent(key, k -> new double[1])[0] += value;
                } else {
                  // cumulative: the total since the current start; a restart adds a new run
                  String run = key + "@" + point.getStartTimeUnixNano();
                  totals.computeIfAbsent(run, k -> new double[1])[0] = value;
                }
              }
            }
          }
        }
      }
    }
    if (delta) {
      return totals;
    }
    // add the runs of a series up: what the deltas of all its starts sum to
    Map<String, double[]> bySeries = new HashMap<>();
    totals.forEach(
        (run, value) ->
            bySeries
                    .computeIfAbsent(run.substring(0, run.lastIndexOf('@')), k -> new double[1])[
                    0] +=
                value[0]);
    return bySeries;
  }

  @Test
  void deltaPointsAddUpToTheCumulativeTotalsAcrossARestart() {
    CollectingSink cumulative = simulate(Simulation.MetricTemporality.CUMULATIVE);
    CollectingSink delta = simulate(Simulation.MetricTemporality.DELTA);

    assertThat(delta.traces).isEqualTo(cumulative.traces);
    assertThat(delta.logs).isEqualTo(cumulative.logs);
    int[] continued = new int[2];
    Map<String, double[]> fromDeltas = totals(delta.metrics, true, continued);
    Map<String, double[]> fromCumulative = totals(cumulative.metrics, false, new int[2]);
    // every point but those right after the restart starts where its series' previous one ended
    assertThat(continued[1]).isPositive().isLessThan(continued[0] / 20);
    assertThat(fromDeltas.keySet()).isEqualTo(fromCumulative.keySet()).isNotEmpty();
    fromCumulative.forEach(
        (series, total) ->
            assertThat(fromDeltas.get(series)[0])
                .as(series)
                .isCloseTo(total[0], within(1e-6 * Math.max(1, Math.abs(total[0])))));
    assertThat(delta.metrics)
        .allSatisfy(
            request ->
                assertThat(request.getResourceMetricsList())
                    .allSatisfy(
                        resource ->
                            assertThat(resource.getScopeMetricsList())
                                .allSatisfy(
                                    scope ->
                                        assertThat(scope.getMetricsList())
                                            .filteredOn(m -> m.hasSum() || m.hasHistogram())
                                            .allSatisfy(
                                                m ->
                                                    assertThat(
                                                            m.hasSum()
                                                                ? m.getSum()
                                                                    .getAggregationTemporality()
                                                                : m.getHistogram()
                                                                    .getAggregationTemporality())
                                                        .isEqualTo(
                                                            AggregationTemporality
                                                                .AGGREGATION_TEMPORALITY_DELTA)))));
  }
}
