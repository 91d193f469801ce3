package dev.runtimeslicer.operators.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.PartialPane;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.LogRecord;
import dev.runtimeslicer.model.telemetry.MetricPoint;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

class PanePreAggregatorTest {

  private static final long W = 30_000;
  private static final long S = 10_000;
  private static final SliceSettings SETTINGS =
      new SliceSettings(W, S, 16, 16, 16, 16, 16, 16, 1000, 3, 10_000);

  /** 5 s of out-of-orderness, 30 s of idleness. */
  private static final EventTimeSettings EVENT_TIME =
      new EventTimeSettings(5_000, 30_000, Long.MAX_VALUE);

  private static final Duration FLUSH = Duration.ofMillis(200);
  private static final String[] SERVICES = {"frontend", "cart", "payment", "shipping", "email"};

  private static OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> preAggregator(
      int maxRecords) throws Exception {
    return preAggregator(maxRecords, EVENT_TIME);
  }

  private static OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> preAggregator(
      int maxRecords, EventTimeSettings eventTime) throws Exception {
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness =
        new OneInputStreamOperatorTestHarness<>(
            new PanePreAggregator(SETTINGS, eventTime, FLUSH, maxRecords));
    harness.setup(PartialPaneSerializer.INSTANCE);
    harness.open();
    return harness;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, PartialPane, RuntimeSlice>
      partSlicer() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, PartialPane, RuntimeSlice> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            PaneSliceOperator.forPartials(SETTINGS, EVENT_TIME, Duration.ofDays(7)),
            part -> part.system,
            Types.STRING);
    harness.open();
    return harness;
  }

  private static KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice>
      recordSlicer() throws Exception {
    KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice> harness =
        new KeyedOneInputStreamOperatorTestHarness<>(
            PaneSliceOperator.forRecords(SETTINGS, EVENT_TIME, Duration.ofDays(7)),
            record -> record.system,
            Types.STRING);
    harness.open();
    return harness;
  }

  /**
   * Two systems, every signal, a record every 25 ms for {@code durationMs}; values whose sums are
   * exact in any order.
   */
  private static List<TelemetryRecord> telemetry(long durationMs) {
    List<TelemetryRecord> records = new ArrayList<>();
    int i = 0;
    for (long time = 1_000; time < 1_000 + durationMs; time += 25, i++) {
      String system = i % 3 == 0 ? "bank" : "shop";
      String service = SERVICES[i % SERVICES.length];
      TelemetryRecord record =
          switch (i % 4) {
            case 0 ->
                TelemetryRecord.of(Signal.METRIC, system, service, service + "-" + (i % 2), time);
            case 1, 2 -> TelemetryRecord.of(Signal.SPAN, system, service, service + "-0", time);
            default -> TelemetryRecord.of(Signal.LOG, system, service, service + "-0", time);
          };
      record.recordId = i + 1;
      switch (record.signal) {
        case METRIC -> record.metric = new MetricPoint("cpu", (i % 8) * 0.25);
        case SPAN -> {
          record.span = new SpanRecord();
          record.span.traceIdLow = i / 2;
          record.span.spanId = 10_000 + i;
          record.span.parentSpanId = i % 4 == 2 ? 10_000 + i - 1 : 0;
          record.span.kind = i % 4 == 1 ? SpanRecord.KIND_CLIENT : SpanRecord.KIND_SERVER;
          record.span.operation = i % 4 == 1 ? "call" : "GET /" + (i % 3);
          record.span.durationMs =
              1 + i * 0.125; // no two equally slow: exemplar ties follow arrival
          record.span.statusCode = i % 31 == 2 ? SpanRecord.STATUS_ERROR : SpanRecord.STATUS_UNSET;
        }
        case LOG -> {
          record.log = new LogRecord();
          record.log.severityNumber = i % 5 == 0 ? 17 : 9;
          record.log.body =
              i % 2 == 0 ? "user " + i + " added item " + (i * 7) : "cache miss for key " + i;
        }
      }
      records.add(record);
    }
    return records;
  }

  private static void feed(
      OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness,
      List<TelemetryRecord> records)
      throws Exception {
    for (TelemetryRecord record : records) {
      harness.processElement(new StreamRecord<>(record, record.timestampMs));
    }
  }

  private static List<String> json(List<RuntimeSlice> slices) {
    return slices.stream().map(SliceJson::write).sorted().toList();
  }

  private static long records(List<PartialPane> parts) {
    return parts.stream().mapToLong(PartialPane::recordCount).sum();
  }

  @Test
  void twoSubtasksPreAggregatingSliceLikeOneSlicerOfEveryRecord() throws Exception {
    List<TelemetryRecord> records = telemetry(90_000);
    KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice> direct =
        recordSlicer();
    for (TelemetryRecord record : records) {
      direct.processElement(new StreamRecord<>(record, record.timestampMs));
    }
    direct.processWatermark(Long.MAX_VALUE);

    List<OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane>> subtasks =
        List.of(preAggregator(60), preAggregator(60));
    KeyedOneInputStreamOperatorTestHarness<String, PartialPane, RuntimeSlice> sliced = partSlicer();
    for (int i = 0; i < records.size(); i++) {
      TelemetryRecord record = records.get(i);
      subtasks.get(i % 2).processElement(new StreamRecord<>(record, record.timestampMs));
      // every 60 records a subtask is full and sends its parts: 1.5 s of event time, well inside
      // the out-of-orderness
      for (OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> subtask : subtasks) {
        for (PartialPane part : subtask.extractOutputValues()) {
          sliced.processElement(new StreamRecord<>(part));
        }
        subtask.getOutput().clear();
      }
    }
    for (OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> subtask : subtasks) {
      subtask.processWatermark(Long.MAX_VALUE);
      for (PartialPane part : subtask.extractOutputValues()) {
        sliced.processElement(new StreamRecord<>(part));
      }
    }
    sliced.processWatermark(Long.MAX_VALUE);

    assertThat(direct.extractOutputValues()).hasSizeGreaterThan(15);
    assertThat(json(sliced.extractOutputValues())).isEqualTo(json(direct.extractOutputValues()));
    assertThat(sliced.getSideOutput(PartialPaneSliceFunction.LATE)).isNull();
    // the panes are gone once their windows closed: left are the template miners and the clocks
    // (they have a TTL)
    assertThat(sliced.numKeyedStateEntries()).isEqualTo(4);
    sliced.close();
    direct.close();
  }

  @Test
  void aSnapshotOfTheRecordSlicerRestoresIntoTheSlicerOfPartsAndGoesOnAlike() throws Exception {
    List<TelemetryRecord> records = telemetry(90_000);
    List<TelemetryRecord> before = records.subList(0, records.size() / 2);
    List<TelemetryRecord> after = records.subList(records.size() / 2, records.size());
    KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice> direct =
        recordSlicer();
    for (TelemetryRecord record : records) {
      direct.processElement(new StreamRecord<>(record, record.timestampMs));
    }
    direct.processWatermark(Long.MAX_VALUE);

    KeyedOneInputStreamOperatorTestHarness<String, TelemetryRecord, RuntimeSlice> first =
        recordSlicer();
    for (TelemetryRecord record : before) {
      first.processElement(new StreamRecord<>(record, record.timestampMs));
    }
    first.prepareSnapshotPreBarrier(1);
    OperatorSubtaskState savepoint = first.snapshot(1, 0);
    List<RuntimeSlice> slices = new ArrayList<>(first.extractOutputValues());
    first.close();

    KeyedOneInputStreamOperatorTestHarness<String, PartialPane, RuntimeSlice> resumed =
        new KeyedOneInputStreamOperatorTestHarness<>(
            PaneSliceOperator.forPartials(SETTINGS, EVENT_TIME, Duration.ofDays(7)),
            part -> part.system,
            Types.STRING);
    resumed.initializeState(savepoint);
    resumed.open();
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> subtask = preAggregator(60);
    for (TelemetryRecord record : after) {
      subtask.processElement(new StreamRecord<>(record, record.timestampMs));
      for (PartialPane part : subtask.extractOutputValues()) {
        resumed.processElement(new StreamRecord<>(part));
      }
      subtask.getOutput().clear();
    }
    subtask.processWatermark(Long.MAX_VALUE);
    for (PartialPane part : subtask.extractOutputValues()) {
      resumed.processElement(new StreamRecord<>(part));
    }
    resumed.processWatermark(Long.MAX_VALUE);
    slices.addAll(resumed.extractOutputValues());

    assertThat(json(slices)).isEqualTo(json(direct.extractOutputValues()));
    resumed.close();
    subtask.close();
    direct.close();
  }

  @Test
  void sendsItsPartsWhenTheFlushIntervalIsUpOnePerSystemAndPane() throws Exception {
    // a minute of out-of-orderness: 15 s of records may be held
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness =
        preAggregator(10_000, new EventTimeSettings(60_000, 30_000, Long.MAX_VALUE));
    List<TelemetryRecord> records = telemetry(15_000); // two panes, two systems
    feed(harness, records);
    assertThat(harness.extractOutputValues()).isEmpty();

    harness.setProcessingTime(FLUSH.toMillis());

    List<PartialPane> parts = harness.extractOutputValues();
    assertThat(parts)
        .extracting(part -> part.system + "@" + part.paneStartMs)
        .containsExactlyInAnyOrder("shop@0", "shop@10000", "bank@0", "bank@10000");
    assertThat(records(parts)).isEqualTo(records.size());
    harness.getOutput().clear();
    harness.setProcessingTime(2 * FLUSH.toMillis());
    assertThat(harness.extractOutputValues()).as("nothing new, nothing sent").isEmpty();
    harness.close();
  }

  @Test
  void sendsASystemsPartsOnceItsHeldRecordsSpanHalfTheOutOfOrderness() throws Exception {
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness = preAggregator(10_000);
    List<TelemetryRecord> records = telemetry(15_000);
    feed(harness, records);

    List<PartialPane> sent = harness.extractOutputValues();
    assertThat(records(sent)).isGreaterThan(records.size() / 2);
    for (PartialPane part : sent) {
      long oldest = Long.MAX_VALUE;
      long newest = Long.MIN_VALUE;
      for (Signal signal : Signal.values()) {
        oldest = Math.min(oldest, part.oldestMs(signal));
        newest = Math.max(newest, part.newestMs(signal));
      }
      assertThat(newest - oldest)
          .as("event time a part spans")
          .isLessThanOrEqualTo(EVENT_TIME.maxOutOfOrdernessMs() / 2);
    }
    harness.processWatermark(Long.MAX_VALUE);
    assertThat(records(harness.extractOutputValues())).isEqualTo(records.size());
    harness.close();
  }

  @Test
  void sendsItsPartsBeforeEveryCheckpointBarrierSoItKeepsNoState() throws Exception {
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness = preAggregator(10_000);
    List<TelemetryRecord> records = telemetry(5_000);
    feed(harness, records);
    harness.prepareSnapshotPreBarrier(1);
    OperatorSubtaskState snapshot = harness.snapshot(1, 0);

    assertThat(records(harness.extractOutputValues())).isEqualTo(records.size());
    assertThat(snapshot.getManagedOperatorState().hasState()).isFalse();
    assertThat(snapshot.getManagedKeyedState().hasState()).isFalse();
    harness.close();
  }

  @Test
  void sendsItsPartsWhenItHoldsTheBoundOfRecordsAndAtTheEndOfTheInput() throws Exception {
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness = preAggregator(100);
    List<TelemetryRecord> records = telemetry(5_000);
    feed(harness, records.subList(0, 150));
    assertThat(records(harness.extractOutputValues())).isEqualTo(100);

    harness.processWatermark(Long.MAX_VALUE);

    assertThat(records(harness.extractOutputValues())).isEqualTo(150);
    harness.close();
  }

  @Test
  void aRecordDeliveredTwiceToTheSubtaskIsSkippedEvenAfterItsFirstCopyWasSent() throws Exception {
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness = preAggregator(10_000);
    List<TelemetryRecord> records = telemetry(5_000);
    feed(harness, records);
    harness.setProcessingTime(FLUSH.toMillis());
    feed(harness, records.subList(0, 50)); // a Collector retry
    harness.setProcessingTime(2 * FLUSH.toMillis());

    assertThat(records(harness.extractOutputValues())).isEqualTo(records.size());
    harness.close();
  }

  @Test
  void forgetsTheRecordIdsOfASystemSilentForLongerThanAWindowAndTheOutOfOrderness()
      throws Exception {
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> harness = preAggregator(10_000);
    PanePreAggregator aggregator = (PanePreAggregator) harness.getOneInputOperator();
    List<TelemetryRecord> records = telemetry(5_000);
    List<TelemetryRecord> shop = records.stream().filter(r -> r.system.equals("shop")).toList();
    List<TelemetryRecord> others = records.stream().filter(r -> !r.system.equals("shop")).toList();
    assertThat(others).isNotEmpty();
    feed(harness, records);
    long silence = SETTINGS.windowSizeMs() + EVENT_TIME.maxOutOfOrdernessMs();

    // shop keeps sending, the others fall silent
    long now = 0;
    while (now <= silence + 2 * FLUSH.toMillis()) {
      now += FLUSH.toMillis();
      feed(harness, shop.subList(0, 1));
      harness.setProcessingTime(now);
    }

    assertThat(aggregator.systemsWithIds()).isEqualTo(1);
    feed(harness, shop.subList(0, 1));
    now += silence + 2 * FLUSH.toMillis();
    harness.setProcessingTime(now);
    harness.setProcessingTime(now + 3 * silence);
    assertThat(aggregator.systemsWithIds()).isZero();
    // until then, shop's retries were still recognized: each record counted once
    assertThat(records(harness.extractOutputValues())).isEqualTo(records.size());
    harness.close();
  }

  @Test
  void aLatePartIsOneDeadLetterThatCountsItsRecords() throws Exception {
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> early = preAggregator(10_000);
    OneInputStreamOperatorTestHarness<TelemetryRecord, PartialPane> late =
        preAggregator(
            10_000, new EventTimeSettings(60_000, 30_000, Long.MAX_VALUE)); // holds all its 8 s
    KeyedOneInputStreamOperatorTestHarness<String, PartialPane, RuntimeSlice> sliced = partSlicer();
    List<TelemetryRecord> shop =
        telemetry(60_000).stream().filter(r -> r.system.equals("shop")).toList();
    for (TelemetryRecord record : shop) {
      (record.timestampMs < 9_000 ? late : early)
          .processElement(new StreamRecord<>(record, record.timestampMs));
    }
    early.processWatermark(Long.MAX_VALUE - 1); // not the end: nothing sent
    early.setProcessingTime(FLUSH.toMillis());
    for (PartialPane part : early.extractOutputValues()) {
      sliced.processElement(new StreamRecord<>(part));
    }
    late.setProcessingTime(FLUSH.toMillis());
    List<PartialPane> lateParts = late.extractOutputValues();
    for (PartialPane part : lateParts) {
      sliced.processElement(new StreamRecord<>(part));
    }

    ConcurrentLinkedQueue<StreamRecord<DeadLetter>> letters =
        sliced.getSideOutput(PartialPaneSliceFunction.LATE);
    assertThat(lateParts).hasSize(1);
    assertThat(letters).hasSize(1);
    DeadLetter letter = letters.peek().getValue();
    assertThat(letter.reason)
        .contains(
            "late pre-aggregated records of shop: "
                + lateParts.get(0).recordCount()
                + " records of pane 0");
    String payload = new String(letter.payload, StandardCharsets.UTF_8);
    assertThat(payload)
        .contains("\"system\":\"shop\"")
        .contains("\"SPAN\":{")
        .contains("\"frontend\":");
    sliced.close();
    early.close();
    late.close();
  }
}
