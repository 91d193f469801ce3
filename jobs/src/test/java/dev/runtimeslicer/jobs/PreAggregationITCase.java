package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The slicing workflow in a stream at parallelism 2 on a real Flink runtime, with one system's
 * records pre-aggregated in both subtasks ({@code slice.pre-aggregation}) and without: the same
 * windows with the same counts per service, and nothing late.
 */
class PreAggregationITCase {

  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(2)
              .build());

  private static final long T0 = 1_661_140_320_000L; // a multiple of 60 s
  private static final int SERVICES = 30;

  /** One system of 30 services, three minutes, a record every 5 ms. */
  private static List<TelemetryRecord> telemetry() {
    List<TelemetryRecord> records = new ArrayList<>();
    int i = 0;
    for (long time = T0; time < T0 + 180_000; time += 5, i++) {
      String service = "service-" + (i % SERVICES);
      TelemetryRecord record;
      switch (i % 4) {
        case 0 -> {
          record = TelemetryRecord.of(Signal.METRIC, "big", service, service + "-0", time);
          record.metric = new MetricPoint("cpu", (i % 8) * 0.25);
        }
        case 3 -> {
          record = TelemetryRecord.of(Signal.LOG, "big", service, service + "-0", time);
          record.log = new LogRecord();
          record.log.severityNumber = i % 9 == 0 ? 17 : 9;
          record.log.body = "served request " + i + " in " + (i % 50) + " ms";
        }
        default -> {
          record = TelemetryRecord.of(Signal.SPAN, "big", service, service + "-0", time);
          record.span = new SpanRecord();
          record.span.traceIdLow = i;
          record.span.spanId = i + 1;
          record.span.operation = "GET /" + (i % 3);
          record.span.kind = SpanRecord.KIND_SERVER;
          record.span.durationMs = 1 + (i % 40);
          record.span.statusCode = i % 23 == 0 ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_UNSET;
        }
      }
      record.recordId = i + 1;
      records.add(record);
    }
    return records;
  }

  /** Per window and service: what a slice counts, which merging parts must not change. */
  private record Counts(long spans, long requests, long errors, long logs, long metricPoints) {
    static Counts of(ServiceSlice service) {
      long points = service.metrics.values().stream().mapToLong(metric -> metric.count).sum();
      return new Counts(
          service.traces.spans,
          service.traces.requests,
          service.traces.errors,
          service.logs.total,
          points);
    }
  }

  private static Map<String, Counts> slice(boolean preAggregation, List<DeadLetter> deadLetters)
      throws Exception {
    SliceJobSettings config =
        SliceJobSettings.fromMap(
            Map.of(
                "slice.pre-aggregation",
                Boolean.toString(preAggregation),
                "slice.pre-aggregation.max-records",
                "2000"));
    Configuration flink = new Configuration();
    flink.set(ExecutionOptions.RUNTIME_MODE, RuntimeExecutionMode.STREAMING);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
    env.setParallelism(2);
    DataStream<TelemetryRecord> telemetry =
        env.fromData(TelemetryRecord.class, telemetry().toArray(TelemetryRecord[]::new))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<TelemetryRecord>noWatermarks()
                    .withTimestampAssigner((r, t) -> r.timestampMs));
    SliceJob.SliceStreams streams = SliceJob.defineWorkflow(telemetry, config);
    Map<String, Counts> counts = new TreeMap<>();
    DataStream<Object> both =
        streams
            .slices()
            .map(slice -> (Object) slice)
            .returns(Object.class)
            .union(streams.deadLetters().map(letter -> (Object) letter).returns(Object.class));
    assertThat(env.getExecutionPlan().contains("pre-aggregate panes"))
        .as("pre-aggregation in the plan")
        .isEqualTo(preAggregation);
    try (CloseableIterator<Object> collected = both.executeAndCollect()) {
      collected.forEachRemaining(
          out -> {
            if (out instanceof RuntimeSlice slice) {
              for (ServiceSlice service : slice.services) {
                counts.put(slice.windowStartMs + "/" + service.service, Counts.of(service));
              }
            } else {
              deadLetters.add((DeadLetter) out);
            }
          });
    }
    return counts;
  }

  @Test
  void oneSystemPreAggregatedInTwoSubtasksSlicesLikeOneSlicerOfEveryRecord() throws Exception {
    List<DeadLetter> directLetters = new ArrayList<>();
    Map<String, Counts> direct = slice(false, directLetters);
    List<DeadLetter> preAggregatedLetters = new ArrayList<>();
    Map<String, Counts> preAggregated = slice(true, preAggregatedLetters);

    // 3 minutes: windows starting 50 s before the first record through the last pane, each with all
    // 30 services
    assertThat(direct).hasSize(23 * SERVICES);
    assertThat(preAggregated).isEqualTo(direct);
    assertThat(directLetters).isEmpty();
    assertThat(preAggregatedLetters).isEmpty();
  }
}
