package dev.runtimeslicer.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.telemetry.DeadLetter;
import dev.runtimeslicer.telemetry.LogRecord;
import dev.runtimeslicer.telemetry.MetricPoint;
import dev.runtimeslicer.telemetry.Signal;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaneSliceFunctionTest {

  private static final long W = 30_000;
  private static final long S = 10_000;
  private static final SliceSettings SETTINGS = new SliceSettings(W, S, 16, 16, 16, 16, 16, 16, 1000, 3);

  private KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new PaneSliceFunction(SETTINGS, Duration.ofDays(7))),
        record -> record.system, Types.STRING);
    harness.open();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(TelemetryRecord record) throws Exception {
    harness.processElement(new StreamRecord<>(record, record.timestampMs));
  }

  private static TelemetryRecord metric(String system, String service, long timeMs, double value) {
    TelemetryRecord record = TelemetryRecord.of(Signal.METRIC, system, service, service + "-0", timeMs);
    record.metric = new MetricPoint("cpu", value);
    return record;
  }

  private static TelemetryRecord log(String service, long timeMs, String body) {
    TelemetryRecord record = TelemetryRecord.of(Signal.LOG, "shop", service, service + "-0", timeMs);
    record.log = new LogRecord();
    record.log.severityNumber = 17;
    record.log.body = body;
    return record;
  }

  private List<RuntimeSlice> slices() {
    return harness.extractOutputValues();
  }

  @Test
  void emitsEverySlidingWindowThatHasDataOnceTheWatermarkPassesItsEnd() throws Exception {
    send(metric("shop", "cart", 1_000, 1.0));   // pane [0, 10s)
    send(metric("shop", "cart", 12_000, 3.0));  // pane [10s, 20s)

    harness.processWatermark(9_998);
    assertThat(slices()).isEmpty();
    harness.processWatermark(9_999);
    assertThat(slices()).extracting(s -> s.windowEndMs).containsExactly(10_000L);

    harness.processWatermark(Long.MAX_VALUE);
    // windows ending at 10, 20, 30 contain pane 0; 40 contains only pane 10; 50 and later nothing
    assertThat(slices()).extracting(s -> s.windowStartMs + ".." + s.windowEndMs)
        .containsExactly("-20000..10000", "-10000..20000", "0..30000", "10000..40000");
    RuntimeSlice both = slices().get(2);
    assertThat(both.service("cart").metrics.get("cpu").count).isEqualTo(2);
    assertThat(both.service("cart").metrics.get("cpu").mean).isEqualTo(2.0);
    assertThat(slices().get(3).service("cart").metrics.get("cpu").last).isEqualTo(3.0);
    // Windows starting before the first data, and (the input has ended) windows ending after the
    // last pane are partial: all of these, as the data spans only 20 s of 30-s windows.
    assertThat(slices()).allSatisfy(s -> assertThat(s.partial).isTrue());
  }

  @Test
  void windowsInsideTheDataAreCompleteAndASilenceMidStreamIsNotPartial() throws Exception {
    for (long t = 1_000; t < 60_000; t += 10_000) {
      send(metric("shop", "cart", t, 1.0));
    }
    harness.processWatermark(59_999);
    assertThat(slices()).extracting(s -> s.windowStartMs + ":" + s.partial)
        .containsExactly("-20000:true", "-10000:true", "0:false", "10000:false", "20000:false", "30000:false");
    // No data after 60 s, but the stream goes on: the windows that follow are a real silence.
    harness.processWatermark(79_999);
    assertThat(slices().subList(6, 8)).allSatisfy(s -> assertThat(s.partial).isFalse());
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(slices().subList(8, slices().size())).allSatisfy(s -> assertThat(s.partial).isTrue());
  }

  @Test
  void outOfOrderRecordsBeforeTheirWindowFiresAreIncluded() throws Exception {
    send(metric("shop", "cart", 15_000, 1.0));
    harness.processWatermark(9_999); // window ending 10s fires empty of this pane, nothing emitted
    send(metric("shop", "cart", 11_000, 5.0)); // older, but its first window (ending 20s) has not fired

    harness.processWatermark(19_999);

    assertThat(slices()).singleElement().satisfies(s -> assertThat(s.service("cart").metrics.get("cpu").max).isEqualTo(5.0));
  }

  @Test
  void lateRecordsGoToTheSideOutputAndAreCounted() throws Exception {
    send(metric("shop", "cart", 15_000, 1.0));
    harness.processWatermark(19_999);

    send(metric("shop", "cart", 12_000, 99.0)); // its first window (ending 20s) already fired

    ConcurrentLinkedQueue<StreamRecord<DeadLetter>> late = harness.getSideOutput(PaneSliceFunction.LATE);
    assertThat(late).singleElement().satisfies(r -> {
      assertThat(r.getValue().category).isEqualTo("late");
      assertThat(r.getValue().reason).contains("shop/cart", "12000", "19999");
      assertThat(new String(r.getValue().payload)).contains("99.0");
    });
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(slices()).allSatisfy(s -> assertThat(s.service("cart").metrics.get("cpu").max).isEqualTo(1.0));
  }

  @Test
  void keepsSystemsApart() throws Exception {
    send(metric("shop", "cart", 1_000, 1.0));
    send(metric("bank", "ledger", 1_000, 2.0));

    harness.processWatermark(9_999);

    assertThat(slices()).extracting(s -> s.system + ":" + s.services.get(0).service).containsExactlyInAnyOrder("shop:cart", "bank:ledger");
  }

  @Test
  void logTemplatesAreNamedInTheSlice() throws Exception {
    send(log("cart", 1_000, "redis timeout after 500ms"));
    send(log("cart", 2_000, "redis timeout after 730ms"));

    harness.processWatermark(9_999);

    assertThat(slices().get(0).service("cart").logs.templates).containsEntry("redis timeout after <*>", 2L);
  }

  @Test
  void panesAreRemovedOnceTheirLastWindowFired() throws Exception {
    send(metric("shop", "cart", 1_000, 1.0));
    send(metric("shop", "cart", 25_000, 1.0));
    send(log("cart", 2_000, "hello"));
    int withPanes = harness.numKeyedStateEntries();

    harness.processWatermark(Long.MAX_VALUE);

    // one entry per keyed state of "shop": the panes map, the template-miner map, the first pane
    assertThat(withPanes).isEqualTo(3);
    // the panes map is gone; the template miners and the first pane are left (they have a TTL)
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void stateSurvivesASnapshotAndRestore() throws Exception {
    send(metric("shop", "cart", 1_000, 4.0));
    send(log("cart", 2_000, "user alice logged in"));
    var snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = new KeyedOneInputStreamOperatorTestHarness<>(
        new KeyedProcessOperator<>(new PaneSliceFunction(SETTINGS, Duration.ofDays(7))),
        record -> record.system, Types.STRING);
    harness.setup();
    harness.initializeState(snapshot);
    harness.open();
    send(log("cart", 3_000, "user bob logged in"));
    harness.processWatermark(9_999);

    RuntimeSlice slice = slices().get(0);
    assertThat(slice.service("cart").metrics.get("cpu").last).isEqualTo(4.0);
    assertThat(slice.service("cart").logs.templates).containsEntry("user <*> logged in", 2L);
  }

  /** Same-millisecond records whose slice depends on their order: templates, capped instances, a metric's last value. */
  private static List<TelemetryRecord> sameMillisecondRecords() {
    List<TelemetryRecord> records = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      TelemetryRecord record = metric("shop", "cart", 1_000, i);
      record.instance = "cart-" + i;
      records.add(record);
      records.add(log("cart", 1_000, "cache miss for key " + i + " in shard " + (3 - i)));
    }
    records.add(metric("shop", "cart", 2_000, 9.0));
    records.add(log("cart", 2_000, "cache miss for key 7 in shard 7"));
    return records;
  }

  private static List<String> sliceInBatchOrder(PaneSliceFunction.InputOrder order, List<TelemetryRecord> records) throws Exception {
    SliceSettings twoInstances = new SliceSettings(W, S, 16, 16, 16, 16, 16, 2, 1000, 3);
    try (var batch = new KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice>(
        new KeyedProcessOperator<>(new PaneSliceFunction(twoInstances, Duration.ofDays(7), order)), r -> r.system, Types.STRING)) {
      batch.open();
      for (TelemetryRecord record : records) {
        batch.processElement(new StreamRecord<>(record, record.timestampMs));
      }
      // BATCH mode fires a key's timers after its last record, with the watermark at its maximum
      batch.processWatermark(Long.MAX_VALUE);
      assertThat(batch.numEventTimeTimers()).isZero();
      return batch.extractOutputValues().stream().map(SliceJson::write).toList();
    }
  }

  @Test
  void inputSortedByTimeSlicesTheSameWhateverOrderSameMillisecondRecordsCameIn() throws Exception {
    List<TelemetryRecord> forward = sameMillisecondRecords();
    List<TelemetryRecord> backward = new ArrayList<>(forward.subList(0, 8));
    Collections.reverse(backward);
    backward.addAll(forward.subList(8, forward.size()));

    List<String> slicedForward = sliceInBatchOrder(PaneSliceFunction.InputOrder.SORTED_BY_TIME, forward);
    List<String> slicedBackward = sliceInBatchOrder(PaneSliceFunction.InputOrder.SORTED_BY_TIME, backward);

    assertThat(slicedForward).hasSize(3).isEqualTo(slicedBackward);
    // the records are order-sensitive: added as they arrive, the two orders slice differently
    assertThat(sliceInBatchOrder(PaneSliceFunction.InputOrder.ARRIVAL, forward))
        .isNotEqualTo(sliceInBatchOrder(PaneSliceFunction.InputOrder.ARRIVAL, backward));
    RuntimeSlice first = SliceJson.read(slicedForward.get(0));
    assertThat(first.service("cart").instances).containsExactly("cart-0", "cart-1");
    assertThat(first.service("cart").metrics.get("cpu").last).isEqualTo(9.0);
    assertThat(first.service("cart").logs.total).isEqualTo(5);
  }

  @Test
  void inputSortedByTimeSlicesAKeyWhoseRecordsAllShareOneMillisecond() throws Exception {
    List<String> sliced = sliceInBatchOrder(PaneSliceFunction.InputOrder.SORTED_BY_TIME,
        List.of(metric("shop", "cart", 1_000, 1.0), metric("shop", "cart", 1_000, 2.0)));

    assertThat(sliced).hasSize(3).allSatisfy(json -> assertThat(SliceJson.read(json).service("cart").metrics.get("cpu").count).isEqualTo(2));
  }
}
