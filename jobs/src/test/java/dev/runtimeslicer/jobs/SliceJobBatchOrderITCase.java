package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A bounded replay on a real Flink runtime in BATCH mode, where records of the same millisecond
 * reach the slicer in no fixed order: the slices must not depend on that order, and the windows of
 * the last pane must still fire.
 */
class SliceJobBatchOrderITCase {

  /** A cluster that outlives each job, so collecting the results never races its shutdown. */
  @RegisterExtension
  static final MiniClusterExtension FLINK =
      new MiniClusterExtension(
          new MiniClusterResourceConfiguration.Builder()
              .setNumberTaskManagers(1)
              .setNumberSlotsPerTaskManager(1)
              .build());

  private static final long T0 = 1_661_140_320_000L; // a multiple of 60 s
  private static final SliceJobSettings CONFIG =
      SliceJobSettings.fromMap(Map.of("limits.instances-per-service", "2"));

  /**
   * Per millisecond: four instances (two are kept) and differing values; the last pane ([t0+20s,
   * t0+30s)) holds one millisecond only.
   */
  private static List<TelemetryRecord> telemetry() {
    List<TelemetryRecord> records = new ArrayList<>();
    for (long t = T0; t <= T0 + 20_000; t += 5_000) {
      for (int i = 0; i < 4; i++) {
        TelemetryRecord metric = TelemetryRecord.of(Signal.METRIC, "shop", "cart", "cart-" + i, t);
        metric.metric = new MetricPoint("cpu", i * 0.1 + t % 7);
        records.add(metric);
        TelemetryRecord log = TelemetryRecord.of(Signal.LOG, "shop", "cart", "cart-" + (3 - i), t);
        log.log = new LogRecord();
        log.log.severityNumber = 9 + i;
        log.log.body = i % 2 == 0 ? "order " + i + " placed" : "stock of item " + i + " is low";
        records.add(log);
      }
    }
    return records;
  }

  private static List<String> slice(List<TelemetryRecord> records) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(
            JobEnvironment.flinkConfiguration(CONFIG, true));
    env.setParallelism(1);
    DataStream<TelemetryRecord> telemetry =
        env.fromData(TelemetryRecord.class, records.toArray(TelemetryRecord[]::new))
            .assignTimestampsAndWatermarks(
                WatermarkStrategy.<TelemetryRecord>noWatermarks()
                    .withTimestampAssigner((record, previous) -> record.timestampMs));
    List<String> slices = new ArrayList<>();
    try (CloseableIterator<RuntimeSlice> collected =
        SliceJob.defineWorkflow(telemetry, CONFIG).slices().executeAndCollect()) {
      collected.forEachRemaining(slice -> slices.add(SliceJson.write(slice)));
    }
    Collections.sort(slices);
    return slices;
  }

  @Test
  void slicesDoNotDependOnTheOrderOfSameMillisecondRecords() throws Exception {
    List<TelemetryRecord> forward = telemetry();
    List<TelemetryRecord> backward = new ArrayList<>(forward);
    Collections.reverse(backward);

    List<String> slicedForward = slice(forward);

    assertThat(slice(backward)).isEqualTo(slicedForward);
    // panes at t0, t0+10s and t0+20s: windows end at t0+10s ... t0+80s; the one ending at t0+80s
    // holds only the last pane, whose records were held back until the input ended
    List<RuntimeSlice> slices = slicedForward.stream().map(SliceJson::read).toList();
    assertThat(slices)
        .extracting(s -> (s.windowEndMs - T0) / 1000)
        .containsExactlyInAnyOrder(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L);
    assertThat(slices)
        .allSatisfy(
            s -> assertThat(s.service("cart").instances).containsExactly("cart-0", "cart-1"));
  }
}
