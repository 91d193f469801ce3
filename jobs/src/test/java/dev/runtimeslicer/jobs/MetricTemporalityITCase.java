package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.CumulativeCounters;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.source.DecoderSettings;
import dev.runtimeslicer.model.source.OtlpDecoder;
import dev.runtimeslicer.model.source.OtlpEncoding;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A system whose SDKs export counters and histograms as deltas slices to the same series as one
 * exporting running totals (delta histograms add per-interval summaries), with the same gauges, and
 * rates that differ by the one export interval a cumulative difference cannot see.
 */
class MetricTemporalityITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  private static final SliceJobSettings CONFIG = SliceJobSettings.defaults();
  private static final Duration LENGTH = Duration.ofMinutes(5);

  /** Windows ending this far in hold a full window of differences for cumulative counters too. */
  private static final Duration SETTLED = Duration.ofMinutes(2);

  /** The decoded metric records of a simulation; its spans and logs are left out. */
  private static List<TelemetryRecord> metrics(Simulation.MetricTemporality temporality) {
    OtlpDecoder decoder = new OtlpDecoder(DecoderSettings.defaults(), InstantSource.system());
    List<TelemetryRecord> records = new ArrayList<>();
    long[] offset = {0};
    Simulation.builder()
        .system("online-shop")
        .duration(LENGTH)
        .seed(3)
        .duplicateDeliveries(0)
        .metricTemporality(temporality)
        .build()
        .run(
            new TelemetrySink() {
              @Override
              public void metrics(ExportMetricsServiceRequest request) {
                decoder.decode(
                    Signal.METRIC,
                    OtlpEncoding.OTLP_PROTO,
                    request.toByteArray(),
                    new SourcePosition("metrics", 0, offset[0]++),
                    records::add);
              }

              @Override
              public void traces(ExportTraceServiceRequest request) {}

              @Override
              public void logs(ExportLogsServiceRequest request) {}

              @Override
              public void label(FaultLabel label) {}
            });
    return records;
  }

  /** Per window end and service, its metric features. */
  private static Map<Long, Map<String, Map<String, MetricFeatures>>> slice(
      List<TelemetryRecord> records) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(CONFIG, true));
    env.setParallelism(1);
    DataStream<TelemetryRecord> telemetry =
        env.fromData(TelemetryRecord.class, records.toArray(TelemetryRecord[]::new))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<TelemetryRecord>noWatermarks()
                    .withTimestampAssigner((record, previous) -> record.timestampMs));
    Map<Long, Map<String, Map<String, MetricFeatures>>> windows = new TreeMap<>();
    try (CloseableIterator<RuntimeSlice> slices =
        SliceJob.defineWorkflow(telemetry, CONFIG).slices().executeAndCollect()) {
      slices.forEachRemaining(
          slice -> {
            Map<String, Map<String, MetricFeatures>> services =
                windows.computeIfAbsent(slice.windowEndMs, end -> new TreeMap<>());
            for (ServiceSlice service : slice.services) {
              services.put(service.service, service.metrics);
            }
          });
    }
    return windows;
  }

  @Test
  void deltaCountersAndHistogramsSliceToTheSeriesOfCumulativeOnes() throws Exception {
    Map<Long, Map<String, Map<String, MetricFeatures>>> cumulative =
        slice(metrics(Simulation.MetricTemporality.CUMULATIVE));
    Map<Long, Map<String, Map<String, MetricFeatures>>> delta =
        slice(metrics(Simulation.MetricTemporality.DELTA));

    long settled = Simulation.DEFAULT_START.plus(SETTLED).toEpochMilli();
    long end = Simulation.DEFAULT_START.plus(LENGTH).toEpochMilli();
    int rates = 0;
    double cumulativeTotal = 0;
    double deltaTotal = 0;
    for (var window : cumulative.entrySet()) {
      if (window.getKey() < settled || window.getKey() > end) {
        continue;
      }
      for (var service : window.getValue().entrySet()) {
        Map<String, MetricFeatures> deltaMetrics = delta.get(window.getKey()).get(service.getKey());
        // a delta histogram's point covers one interval, so its count, mean and quantiles come too;
        // a cumulative one's would be of the process's lifetime and are left out
        assertThat(deltaMetrics.keySet())
            .as("series of %s at %d", service.getKey(), window.getKey())
            .containsAll(service.getValue().keySet())
            .allSatisfy(
                key ->
                    assertThat(
                            service.getValue().containsKey(key)
                                || key.matches(".*\\.duration:(count|mean|p50|p99)$"))
                        .as("series %s", key)
                        .isTrue());
        for (var series : service.getValue().entrySet()) {
          MetricFeatures expected = series.getValue();
          MetricFeatures actual = deltaMetrics.get(series.getKey());
          String what = service.getKey() + " " + series.getKey() + " at " + window.getKey();
          if (series.getKey().contains(CumulativeCounters.SUFFIX)) {
            cumulativeTotal += expected.mean;
            deltaTotal += actual.mean;
            rates++;
          } else {
            assertThat(actual.mean)
                .as(what)
                .isCloseTo(expected.mean, within(1e-9 * Math.max(1, Math.abs(expected.mean))));
          }
        }
      }
    }
    assertThat(rates).as("rate series compared").isGreaterThan(100);
    // A window holds six exports 10 s apart. The deltas sum all six intervals; a cumulative
    // counter's last minus first point covers five. Both are divided by the whole window, so
    // cumulative rates read 5/6 of the deltas' (known; the scale is the same for every cumulative
    // source).
    assertThat(deltaTotal / cumulativeTotal)
        .as("delta rates over cumulative rates")
        .isCloseTo(6.0 / 5.0, within(0.05));
  }
}
