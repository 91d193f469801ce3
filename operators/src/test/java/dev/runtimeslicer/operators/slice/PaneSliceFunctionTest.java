package dev.runtimeslicer.operators.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.slice.SystemClock;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PaneSliceFunctionTest {

  private static final long W = 30_000;
  private static final long S = 10_000;
  private static final SliceSettings SETTINGS =
      new SliceSettings(W, S, 16, 16, 16, 16, 16, 16, 1000, 3, 10_000);

  /** 5 s of out-of-orderness, 30 s of idleness. */
  private static final EventTimeSettings EVENT_TIME =
      new EventTimeSettings(5_000, 30_000, Long.MAX_VALUE);

  private KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice> harness;

  @BeforeEach
  void setUp() throws Exception {
    harness = streamHarness();
    harness.open();
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice>
      streamHarness() throws Exception {
    return new KeyedOneInputStreamOperatorTestHarness<>(
        PaneSliceOperator.forRecords(SETTINGS, EVENT_TIME, Duration.ofDays(7)),
        record -> record.system,
        Types.STRING);
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
  }

  private void send(TelemetryRecord record) throws Exception {
    harness.processElement(new StreamRecord<>(record, record.timestampMs));
  }

  /**
   * A metric point, a request span and a log line of {@code service} at {@code timeMs}: every
   * signal of the system moves on.
   */
  private void sendAll(String system, String service, long timeMs, double cpu) throws Exception {
    send(metric(system, service, timeMs, cpu));
    send(span(system, service, timeMs));
    TelemetryRecord log = log(service, timeMs, "request served");
    log.system = system;
    send(log);
  }

  private static TelemetryRecord metric(String system, String service, long timeMs, double value) {
    TelemetryRecord record =
        TelemetryRecord.of(Signal.METRIC, system, service, service + "-0", timeMs);
    record.metric = new MetricPoint("cpu", value);
    return record;
  }

  private static TelemetryRecord span(String system, String service, long endMs) {
    TelemetryRecord record =
        TelemetryRecord.of(Signal.SPAN, system, service, service + "-0", endMs);
    record.span = new SpanRecord();
    record.span.spanId = endMs + 1;
    record.span.operation = "GET /cart";
    record.span.kind = SpanRecord.KIND_SERVER;
    record.span.durationMs = 20;
    return record;
  }

  private static TelemetryRecord log(String service, long timeMs, String body) {
    TelemetryRecord record =
        TelemetryRecord.of(Signal.LOG, "shop", service, service + "-0", timeMs);
    record.log = new LogRecord();
    record.log.severityNumber = 17;
    record.log.body = body;
    return record;
  }

  private List<RuntimeSlice> slices() {
    return harness.extractOutputValues();
  }

  private List<String> windows(String system) {
    return slices().stream()
        .filter(s -> s.system.equals(system))
        .map(s -> s.windowStartMs + ".." + s.windowEndMs)
        .toList();
  }

  @Test
  void aHostWhoseClockRunsMinutesFastDoesNotMakeTheOtherHostsOfItsSystemLate() throws Exception {
    EventTimeSettings production =
        new EventTimeSettings(5_000, 30_000, EventTimeSettings.DEFAULT_MAX_LEAD_MS);
    try (var live =
        new KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice>(
            PaneSliceOperator.forRecords(SETTINGS, production, Duration.ofDays(7)),
            r -> r.system,
            Types.STRING)) {
      live.open();
      long now = 1_000_000_000_000L;
      for (int second = 0; second < 40; second++) {
        live.setProcessingTime(now + second * 1_000L);
        // cart's host is right; fast's host is five minutes ahead, and all its signals with it
        String service = second == 3 ? "fast" : "cart";
        long eventTime = now + second * 1_000L - 500 + (second == 3 ? 300_000 : 0);
        for (TelemetryRecord record :
            List.of(
                metric("shop", service, eventTime, 1.0),
                span("shop", service, eventTime),
                log(service, eventTime, "request served"))) {
          live.processElement(new StreamRecord<>(record, record.timestampMs));
        }
      }

      assertThat(live.getSideOutput(PaneSliceFunction.LATE)).as("late records").isNull();
      // the windows close on the job's time: those ending by now + 39 s - 5 s are out, each with
      // cart's records
      List<RuntimeSlice> out = live.extractOutputValues();
      assertThat(out)
          .isNotEmpty()
          .allSatisfy(slice -> assertThat(slice.windowEndMs).isLessThanOrEqualTo(now + 40_000));
      // a window of 30 s holds 30 of cart's requests, but for the second fast's host took
      assertThat(out.get(out.size() - 1).service("cart").traces.requests)
          .isBetween(W / 1_000 - 1, W / 1_000);
    }
  }

  @Test
  void aStaleRecordBeforeTheSystemsFirstDataIsLateEvenBeforeAnyWindowClosed() throws Exception {
    long start = 1_000_000_000_000L;
    // metrics only so far: a new system waits for its other signals, so nothing can close yet
    send(metric("shop", "cart", start + 1_000, 1.0));
    TelemetryRecord stale =
        metric(
            "shop", "cart", start - 20L * 365 * 86_400_000, 9.0); // a host clock twenty years off
    send(stale);
    TelemetryRecord slightlyEarlier =
        metric("shop", "cart", start - 2_000, 2.0); // within the out-of-orderness: taken
    send(slightlyEarlier);
    sendAll("shop", "cart", start + 12_000, 3.0);
    harness.processWatermark(Long.MAX_VALUE);

    ConcurrentLinkedQueue<StreamRecord<DeadLetter>> late =
        harness.getSideOutput(PaneSliceFunction.LATE);
    assertThat(late).hasSize(1);
    assertThat(late.peek().getValue().reason).contains("before the first data of shop");
    assertThat(slices())
        .allSatisfy(slice -> assertThat(slice.windowEndMs).isGreaterThan(start - 10_000));
    assertThat(slices())
        .anySatisfy(
            slice -> assertThat(slice.service("cart").metrics.get("cpu").min).isEqualTo(2.0));
    assertThat(slices().get(0).windowStartMs).isEqualTo(start - 10_000 - W + S);
  }

  @Test
  void aRecordDeliveredTwiceCountsOnceSoTheSlicesAreThoseOfOneDelivery() throws Exception {
    List<TelemetryRecord> records = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      long t = 1_000 + i * 700L;
      TelemetryRecord span = span("shop", "cart", t);
      span.recordId = 1_000 + i;
      TelemetryRecord metric = metric("shop", "cart", t, i % 7);
      metric.recordId = 2_000 + i;
      TelemetryRecord log = log("cart", t, i % 3 == 0 ? "Call to db failed" : "request served");
      log.recordId = 3_000 + i;
      records.addAll(List.of(span, metric, log));
    }
    for (TelemetryRecord record : records) {
      send(record);
    }
    harness.processWatermark(Long.MAX_VALUE);
    List<String> once = slices().stream().map(SliceJson::write).toList();

    try (var twice = streamHarness()) {
      twice.open();
      for (int i = 0; i < records.size(); i++) {
        twice.processElement(new StreamRecord<>(records.get(i), records.get(i).timestampMs));
        // a Collector retry: the batch of the last few records again, a little later
        if (i % 10 == 9) {
          for (TelemetryRecord again : records.subList(i - 4, i + 1)) {
            twice.processElement(new StreamRecord<>(again, again.timestampMs));
          }
        }
      }
      twice.processWatermark(Long.MAX_VALUE);

      assertThat(once).isNotEmpty();
      assertThat(twice.extractOutputValues().stream().map(SliceJson::write).toList())
          .isEqualTo(once);
    }
  }

  @Test
  void emitsEverySlidingWindowThatHasDataOnceTheSystemsWatermarkPassesItsEnd() throws Exception {
    sendAll("shop", "cart", 1_000, 1.0); // pane [0, 10s)
    sendAll("shop", "cart", 12_000, 3.0); // pane [10s, 20s)
    sendAll("shop", "cart", 14_999, 3.0); // the system's watermark: 14,999 - 5,000 - 1 = 9,998
    assertThat(slices()).isEmpty();
    sendAll("shop", "cart", 15_000, 3.0); // 9,999: the window ending at 10 s closes
    assertThat(windows("shop")).containsExactly("-20000..10000");
    // The operator's watermark does not close windows, whichever system it came from...
    harness.processWatermark(40_000);
    assertThat(slices()).hasSize(1);

    // ...but the end of the input does: every open window closes.
    harness.processWatermark(Long.MAX_VALUE);
    // windows ending at 10, 20, 30 contain pane 0; 40 contains only pane 10; 50 and later nothing
    assertThat(windows("shop"))
        .containsExactly("-20000..10000", "-10000..20000", "0..30000", "10000..40000");
    RuntimeSlice both = slices().get(2);
    assertThat(both.service("cart").metrics.get("cpu").count).isEqualTo(4);
    assertThat(both.service("cart").metrics.get("cpu").mean).isEqualTo(2.5);
    assertThat(slices().get(3).service("cart").metrics.get("cpu").last).isEqualTo(3.0);
    // Windows starting before the first data, and (the input has ended) windows ending after the
    // last pane are partial: all of these, as the data spans only 20 s of 30-s windows.
    assertThat(slices()).allSatisfy(s -> assertThat(s.partial).isTrue());
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void aSilentSystemsWindowsCloseOnProcessingTimeAndTheSilenceIsNotPartial() throws Exception {
    for (long t = 1_000; t < 60_000; t += 10_000) {
      sendAll("shop", "cart", t, 1.0);
    }
    // newest 51 s: windows through 40 s have closed
    assertThat(slices())
        .extracting(s -> s.windowStartMs + ":" + s.partial)
        .containsExactly("-20000:true", "-10000:true", "0:false", "10000:false");
    // Silent for less than the idleness: the system may only be slow, nothing more closes.
    harness.setProcessingTime(29_999);
    assertThat(slices()).hasSize(4);
    // Silent for the idleness: its clock moves on with processing time and the windows up to its
    // last data close, then the ones after it, one slide at a time: a real silence, not partial.
    harness.setProcessingTime(30_000);
    assertThat(windows("shop")).endsWith("20000..50000", "30000..60000", "40000..70000");
    harness.setProcessingTime(60_000);
    assertThat(windows("shop")).endsWith("50000..80000");
    assertThat(slices().subList(4, slices().size()))
        .allSatisfy(s -> assertThat(s.partial).isFalse());
    // Once no pane is left, no timer is either.
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void outOfOrderRecordsBeforeTheirWindowClosesAreIncluded() throws Exception {
    sendAll(
        "shop", "cart", 15_000, 1.0); // watermark 9,999: the window ending at 10 s closes (no data)
    send(metric("shop", "cart", 11_000, 5.0)); // older, but its first window (ending 20 s) is open
    sendAll("shop", "cart", 25_000, 1.0); // watermark 19,999

    assertThat(slices())
        .singleElement()
        .satisfies(s -> assertThat(s.service("cart").metrics.get("cpu").max).isEqualTo(5.0));
    assertThat(harness.getSideOutput(PaneSliceFunction.LATE)).isNull();
  }

  @Test
  void lateRecordsGoToTheSideOutputAndAreCounted() throws Exception {
    sendAll("shop", "cart", 15_000, 1.0);
    sendAll("shop", "cart", 25_000, 1.0); // the window ending at 20 s closed

    send(metric("shop", "cart", 12_000, 99.0));

    ConcurrentLinkedQueue<StreamRecord<DeadLetter>> late =
        harness.getSideOutput(PaneSliceFunction.LATE);
    assertThat(late)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getValue().category).isEqualTo("late");
              assertThat(r.getValue().reason).contains("shop/cart", "12000", "20000");
              assertThat(new String(r.getValue().payload)).contains("99.0");
            });
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(slices())
        .allSatisfy(s -> assertThat(s.service("cart").metrics.get("cpu").max).isEqualTo(1.0));
  }

  @Test
  void aSystemWithAClockMinutesFastNeitherClosesNorAltersAnotherSystemsWindows() throws Exception {
    List<String> alone = shopSlices(false);
    List<String> besideSkewed = shopSlices(true);

    assertThat(alone).hasSize(5);
    assertThat(besideSkewed).isEqualTo(alone);
  }

  /**
   * The shop's slices from a minute of on-time telemetry, interleaved with a bank whose clock is 5
   * minutes fast when asked.
   */
  private static List<String> shopSlices(boolean withSkewedBank) throws Exception {
    try (var run = streamHarness()) {
      run.open();
      for (long t = 0; t < 60_000; t += 1_000) {
        run.setProcessingTime(t);
        if (withSkewedBank) {
          for (TelemetryRecord record :
              List.of(
                  metric("bank", "ledger", t + 300_000, 2.0),
                  span("bank", "ledger", t + 300_000))) {
            run.processElement(new StreamRecord<>(record, record.timestampMs));
          }
          // The operator's watermark is pushed by the skewed clock: it must not matter.
          run.processWatermark(t + 300_000 - 5_000);
        }
        // the shop's records arrive up to 4 s out of order
        long shopTime = t - (t / 1_000 % 5) * 1_000;
        for (TelemetryRecord record :
            List.of(metric("shop", "cart", shopTime, t), span("shop", "cart", shopTime))) {
          run.processElement(new StreamRecord<>(record, record.timestampMs));
        }
      }
      assertThat(run.getSideOutput(PaneSliceFunction.LATE)).isNull();
      return run.extractOutputValues().stream()
          .filter(s -> s.system.equals("shop"))
          .map(SliceJson::write)
          .toList();
    }
  }

  @Test
  void aSignalReadBehindTheOthersHoldsItsSystemBackInsteadOfTurningLate() throws Exception {
    // A backlog: spans and logs of two minutes are read before any of the metrics of that time.
    for (long t = 0; t < 120_000; t += 1_000) {
      send(span("shop", "cart", t));
      send(log("cart", t, "request served"));
    }
    send(metric("shop", "cart", 0, 1.0));
    harness.setProcessingTime(
        1_000); // one second of processing time later: far less than the spans' lead
    assertThat(slices()).isEmpty();

    for (long t = 1_000; t < 120_000; t += 1_000) {
      send(metric("shop", "cart", t, 1.0));
    }
    assertThat(harness.getSideOutput(PaneSliceFunction.LATE)).isNull();
    // caught up: every window up to the newest data less the out-of-orderness has closed, with its
    // metrics
    assertThat(windows("shop")).hasSize(11).endsWith("80000..110000");
    assertThat(slices()).allSatisfy(s -> assertThat(s.service("cart").metrics).containsKey("cpu"));
  }

  @Test
  void aNewSystemWaitsForItsOtherSignalsForTheIdlenessThenGoesOnWithout() throws Exception {
    for (long t = 0; t < 30_000; t += 1_000) {
      harness.setProcessingTime(t);
      send(metric("shop", "cart", t, 1.0));
      if (t == 2_000) {
        send(span("shop", "cart", t));
      }
    }
    // Logs may still be on their way from their topic: nothing closes for the idleness.
    assertThat(slices()).isEmpty();
    // No logs within the idleness: the system goes on without them, on its pending check.
    harness.setProcessingTime(30_000);
    assertThat(windows("shop")).containsExactly("-20000..10000", "-10000..20000");
    assertThat(slices().get(0).service("cart").traces.requests).isEqualTo(1);
  }

  @Test
  void keepsSystemsApart() throws Exception {
    sendAll("shop", "cart", 1_000, 1.0);
    sendAll("bank", "ledger", 1_000, 2.0);
    sendAll("shop", "cart", 15_000, 1.0);

    assertThat(slices())
        .extracting(s -> s.system + ":" + s.services.get(0).service)
        .containsExactly("shop:cart");
    sendAll("bank", "ledger", 15_000, 1.0);
    assertThat(slices())
        .extracting(s -> s.system + ":" + s.services.get(0).service)
        .containsExactly("shop:cart", "bank:ledger");
  }

  @Test
  void logTemplatesAreNamedInTheSlice() throws Exception {
    send(log("cart", 1_000, "redis timeout after 500ms"));
    send(log("cart", 2_000, "redis timeout after 730ms"));

    harness.processWatermark(Long.MAX_VALUE);

    assertThat(slices().get(0).service("cart").logs.templates)
        .containsEntry("redis timeout after <*>", 2L);
  }

  @Test
  void aFloodOfNewServiceNamesGetsNoTemplateMinerPastTheBounds() throws Exception {
    // 5,000 new service names logging within a minute: each pane takes 16 services (the bound),
    // and template miners are made for at most twice that many services in the system
    for (int i = 0; i < 5_000; i++) {
      long time = i * 12L;
      send(log("svc-" + i, time, "user " + i + " logged in"));
      send(metric("shop", "svc-" + i, time, 1.0));
      send(span("shop", "svc-" + i, time));
    }
    harness.processWatermark(Long.MAX_VALUE);

    Set<String> mined = new HashSet<>();
    for (RuntimeSlice slice : slices()) {
      assertThat(slice.services).hasSizeLessThanOrEqualTo(16 * 6); // one window's panes at most
      slice.services.stream()
          .filter(
              service ->
                  service.logs.templates.keySet().stream().anyMatch(t -> !t.equals("<overflow>")))
          .forEach(service -> mined.add(service.service));
      assertThat(slice.overflow).containsKey("services");
    }
    assertThat(mined).hasSize(32);
  }

  @Test
  void panesAreRemovedOnceTheirLastWindowClosed() throws Exception {
    send(metric("shop", "cart", 1_000, 1.0));
    send(metric("shop", "cart", 25_000, 1.0));
    send(log("cart", 2_000, "hello"));
    int withPanes = harness.numKeyedStateEntries();

    harness.processWatermark(Long.MAX_VALUE);

    // one entry per keyed state of "shop": the panes map, the template-miner map, the clock
    assertThat(withPanes).isEqualTo(3);
    // the clock is a POJO, not a generic (Kryo) type: its schema can evolve across savepoints
    assertThat(TypeInformation.of(SystemClock.class)).isInstanceOf(PojoTypeInfo.class);
    // the panes map is gone; the template miners and the clock are left (they have a TTL)
    assertThat(harness.numKeyedStateEntries()).isEqualTo(2);
    assertThat(harness.numEventTimeTimers()).isZero();
  }

  @Test
  void stateSurvivesASnapshotAndRestoreAndTheDowntimeIsNotSilence() throws Exception {
    snapshotRestoreAndGoOn(false);
  }

  @Test
  void onRocksDbStateSurvivesASnapshotAndRestoreWithThePanesAndMinersOfTheHeapAndIsCleanedUp()
      throws Exception {
    harness.close();
    harness = streamHarness();
    harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    harness.open();
    snapshotRestoreAndGoOn(true);
    harness.processWatermark(Long.MAX_VALUE);
    // panes removed from RocksDB; the miners (with their TTL) remain
    assertThat(systemsWithState("panes")).isEmpty();
    assertThat(systemsWithState("log-templates")).containsExactly("shop");
  }

  /** Systems with an entry in keyed state {@code name}. */
  private List<String> systemsWithState(String name) {
    try (var keys =
        harness
            .getOperator()
            .getKeyedStateBackend()
            .<VoidNamespace>getKeys(name, VoidNamespace.INSTANCE)) {
      return keys.map(Object::toString).toList();
    }
  }

  private int cachedStateValues() {
    return ((PaneSliceFunction) ((PaneSliceOperator<?>) harness.getOperator()).getUserFunction())
        .cachedStateValues();
  }

  @Test
  void aPlainKeyedProcessOperatorIsRefusedSinceNothingWouldSaveTheCache() throws Exception {
    var plain =
        new KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice>(
            new org.apache.flink.streaming.api.operators.KeyedProcessOperator<>(
                new PaneSliceFunction(SETTINGS, EVENT_TIME, Duration.ofDays(7))),
            record -> record.system,
            Types.STRING);
    org.assertj.core.api.Assertions.assertThatThrownBy(plain::open)
        .hasMessageContaining("PaneSliceOperator");
  }

  private void snapshotRestoreAndGoOn(boolean rocksDb) throws Exception {
    sendAll("shop", "cart", 1_000, 4.0);
    send(log("cart", 2_000, "user alice logged in"));
    if (rocksDb) {
      // records change panes and miners on the heap; the barrier writes them to RocksDB
      assertThat(systemsWithState("panes")).isEmpty();
      assertThat(cachedStateValues()).isEqualTo(2);
    }
    harness.prepareSnapshotPreBarrier(1);
    if (rocksDb) {
      assertThat(systemsWithState("panes")).containsExactly("shop");
      assertThat(systemsWithState("log-templates")).containsExactly("shop");
      assertThat(cachedStateValues()).isZero();
    }
    var snapshot = harness.snapshot(1, 1);
    harness.close();

    harness = streamHarness();
    if (rocksDb) {
      harness.setStateBackend(new EmbeddedRocksDBStateBackend());
    }
    harness.setup();
    harness.initializeState(snapshot);
    // restarted ten minutes later: the time the job was down is not the system's silence
    harness.setProcessingTime(600_000);
    harness.open();
    send(log("cart", 3_000, "user bob logged in"));
    assertThat(slices()).isEmpty();
    sendAll("shop", "cart", 15_000, 1.0);

    RuntimeSlice slice = slices().get(0);
    assertThat(slice.windowEndMs).isEqualTo(10_000);
    assertThat(slice.service("cart").metrics.get("cpu").last).isEqualTo(4.0);
    assertThat(slice.service("cart").logs.templates).containsEntry("user <*> logged in", 2L);
  }

  /**
   * Same-millisecond records whose slice depends on their order: templates, capped instances, a
   * metric's last value.
   */
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

  private static List<String> sliceInBatchOrder(
      PaneSliceFunction.InputOrder order, List<TelemetryRecord> records) throws Exception {
    SliceSettings twoInstances = new SliceSettings(W, S, 16, 16, 16, 16, 16, 2, 1000, 3, 10_000);
    try (var batch =
        new KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice>(
            PaneSliceOperator.forRecords(twoInstances, EVENT_TIME, Duration.ofDays(7), order),
            r -> r.system,
            Types.STRING)) {
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

    List<String> slicedForward =
        sliceInBatchOrder(PaneSliceFunction.InputOrder.SORTED_BY_TIME, forward);
    List<String> slicedBackward =
        sliceInBatchOrder(PaneSliceFunction.InputOrder.SORTED_BY_TIME, backward);

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
    List<String> sliced =
        sliceInBatchOrder(
            PaneSliceFunction.InputOrder.SORTED_BY_TIME,
            List.of(metric("shop", "cart", 1_000, 1.0), metric("shop", "cart", 1_000, 2.0)));

    assertThat(sliced)
        .hasSize(3)
        .allSatisfy(
            json ->
                assertThat(SliceJson.read(json).service("cart").metrics.get("cpu").count)
                    .isEqualTo(2));
  }
}
