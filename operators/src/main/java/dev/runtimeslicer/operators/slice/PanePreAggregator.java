package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.LogMessageNormalizer;
import dev.runtimeslicer.model.slice.PartialPane;
import dev.runtimeslicer.model.slice.RecordIds;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.ProcessingTimeService;

/**
 * Pre-aggregates records where they arrive, before the shuffle by system, so one large system uses
 * every slot: each subtask aggregates its records into a {@link PartialPane} per system and pane,
 * and sends the parts on (to {@link PartialPaneSliceFunction}, keyed by system) every flush
 * interval, when it holds too many records or a system's records span half the allowed
 * out-of-orderness of event time, before every checkpoint barrier and at the end of the input.
 * Records are thus aggregated in parallel and never serialized one by one; the keyed slicer merges
 * a few parts per pane and flush instead.
 *
 * <p>It keeps no checkpointed state: the parts are sent before each barrier, so a checkpoint holds
 * them in the slicer's panes. A record delivered twice to this subtask is skipped while its pane
 * may still be open (the ids of panes up to a window and the allowed out-of-orderness behind the
 * system's newest here are kept, on the heap, and a system silent here that long in processing time
 * is forgotten); a second delivery read by another subtask is not recognized, which is why the
 * Collector should partition by trace id and resource (a retried batch then lands on the same
 * partition).
 */
public final class PanePreAggregator extends AbstractStreamOperator<PartialPane>
    implements OneInputStreamOperator<TelemetryRecord, PartialPane>,
        BoundedOneInput,
        ProcessingTimeService.ProcessingTimeCallback {

  private static final long serialVersionUID = 1L;
  private static final int MAX_LOG_TOKENS = 64;

  private final SliceSettings settings;
  private final EventTimeSettings eventTime;
  private final long flushIntervalMs;
  private final int maxBufferedRecords;

  /** What each system has held since its parts were last sent. */
  private transient Map<String, HeldParts> held;

  private transient int bufferedRecords;

  /** Ids of the records taken, by system. */
  private transient Map<String, SystemIds> takenIds;

  private transient LogMessageNormalizer normalizer;
  private transient Counter duplicateRecords;
  private transient Counter flushedParts;
  private transient MetricGroup overflowGroup;
  private transient Map<String, Counter> overflowCounters;

  /**
   * @param flushInterval processing time between two sends of the parts (it delays each window's
   *     close by up to as much)
   * @param maxBufferedRecords records after which the parts are sent before the interval is up
   */
  public PanePreAggregator(
      SliceSettings settings,
      EventTimeSettings eventTime,
      Duration flushInterval,
      int maxBufferedRecords) {
    if (flushInterval.isNegative() || flushInterval.isZero() || maxBufferedRecords < 1) {
      throw new IllegalArgumentException(
          "pre-aggregation needs a positive flush interval and record bound, got "
              + flushInterval
              + " and "
              + maxBufferedRecords);
    }
    this.settings = settings;
    this.eventTime = eventTime;
    this.flushIntervalMs = flushInterval.toMillis();
    this.maxBufferedRecords = maxBufferedRecords;
  }

  /**
   * One system's record ids by pane start, and when (processing time) it last sent a record here: a
   * system silent for longer than a window and the allowed out-of-orderness is forgotten, as its
   * panes are closed by then (or will be at once), so names of systems that went away do not pile
   * up.
   */
  private static final class SystemIds {
    final NavigableMap<Long, RecordIds> panes = new TreeMap<>();
    boolean heardSinceCheck = true;
    long lastHeardMs;

    SystemIds(long nowMs) {
      lastHeardMs = nowMs;
    }
  }

  @Override
  public void open() throws Exception {
    super.open();
    held = new HashMap<>();
    takenIds = new HashMap<>();
    bufferedRecords = 0;
    normalizer = new LogMessageNormalizer(MAX_LOG_TOKENS);
    MetricGroup metrics = getMetricGroup();
    duplicateRecords = metrics.counter("duplicateRecords");
    flushedParts = metrics.counter("preAggregatedParts");
    overflowGroup = metrics.addGroup("overflow");
    overflowCounters = new HashMap<>();
    scheduleFlush();
  }

  private void scheduleFlush() {
    ProcessingTimeService time = getProcessingTimeService();
    time.registerTimer(time.getCurrentProcessingTime() + flushIntervalMs, this);
  }

  @Override
  public void processElement(StreamRecord<TelemetryRecord> element) throws Exception {
    TelemetryRecord record = element.getValue();
    long paneStart = settings.paneStart(record.timestampMs);
    RecordIds.Offer offer = offerId(record, paneStart);
    if (offer == RecordIds.Offer.SEEN) {
      duplicateRecords.inc();
      return;
    }
    HeldParts system = held.computeIfAbsent(record.system, name -> new HeldParts());
    if (!system.parts.isEmpty() && record.timestampMs - system.oldestMs > maxHeldEventTimeMs()) {
      bufferedRecords -= (int) send(system);
    }
    PartialPane part = system.parts.get(paneStart);
    if (part == null) {
      part = new PartialPane(record.system, paneStart);
      system.parts.put(paneStart, part);
    }
    if (offer == RecordIds.Offer.FULL) {
      part.countOverflow("record_ids", 1); // no room to tell: taken as new
      countOverflow("record_ids");
    }
    List<String> tokens = record.signal == Signal.LOG ? normalizer.tokens(record.log.body) : null;
    part.add(record, tokens, settings, this::countOverflow);
    system.oldestMs = Math.min(system.oldestMs, record.timestampMs);
    if (++bufferedRecords >= maxBufferedRecords) {
      flush();
    }
  }

  /**
   * Event time one system's held records may span before they are sent: half the allowed
   * out-of-orderness. The slicer's clock moves to the newest record of a part, so a part spanning
   * more (a backlog read fast) would make the other subtasks' parts of that time late.
   */
  private long maxHeldEventTimeMs() {
    return eventTime.maxOutOfOrdernessMs() / 2;
  }

  /** Offers the record's id to its pane's ids; records without an id are new. */
  private RecordIds.Offer offerId(TelemetryRecord record, long paneStart) {
    if (record.recordId == TelemetryRecord.NO_ID) {
      return RecordIds.Offer.NEW;
    }
    SystemIds system = takenIds.get(record.system);
    if (system == null) {
      system = new SystemIds(getProcessingTimeService().getCurrentProcessingTime());
      takenIds.put(record.system, system);
    }
    system.heardSinceCheck = true;
    NavigableMap<Long, RecordIds> panes = system.panes;
    RecordIds ids = panes.get(paneStart);
    if (ids == null) {
      ids = new RecordIds();
      panes.put(paneStart, ids);
      // a pane further back than a window and the allowed out-of-orderness is closed, or will be
      // soon
      panes.headMap(paneStart - settings.windowSizeMs() - eventTime.maxOutOfOrdernessMs()).clear();
    }
    return ids.offer(record.recordId, settings.maxRecordIdsPerPane());
  }

  @Override
  public void onProcessingTime(long time) throws Exception {
    flush();
    forgetSilentSystems(time);
    scheduleFlush();
  }

  private void forgetSilentSystems(long nowMs) {
    long silence = settings.windowSizeMs() + eventTime.maxOutOfOrdernessMs();
    Iterator<SystemIds> systems = takenIds.values().iterator();
    while (systems.hasNext()) {
      SystemIds system = systems.next();
      if (system.heardSinceCheck) {
        system.heardSinceCheck = false;
        system.lastHeardMs = nowMs;
      } else if (nowMs - system.lastHeardMs > silence) {
        systems.remove();
      }
    }
  }

  /** Systems whose record ids this subtask keeps (for tests). */
  int systemsWithIds() {
    return takenIds.size();
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    flush();
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    if (mark.getTimestamp() == Long.MAX_VALUE) {
      flush(); // the input has ended: the slicer closes every window on this watermark
    }
    super.processWatermark(mark);
  }

  @Override
  public void endInput() throws Exception {
    flush();
  }

  /** Sends every part on; systems that sent nothing since are forgotten. */
  private void flush() {
    for (HeldParts system : held.values()) {
      send(system);
    }
    held.clear();
    bufferedRecords = 0;
  }

  /**
   * Emits the parts {@code system} holds, the newest event time of each as its timestamp, and
   * empties it; the records they held.
   */
  private long send(HeldParts system) {
    long records = 0;
    for (PartialPane part : system.parts.values()) {
      long newest = Long.MIN_VALUE;
      for (Signal signal : Signal.values()) {
        newest = Math.max(newest, part.newestMs(signal));
      }
      output.collect(new StreamRecord<>(part, newest));
      flushedParts.inc();
      records += part.recordCount();
    }
    system.parts.clear();
    system.oldestMs = Long.MAX_VALUE;
    return records;
  }

  /**
   * One system's parts being aggregated, by pane start, and the event time of the oldest record in
   * them.
   */
  private static final class HeldParts {
    final Map<Long, PartialPane> parts = new HashMap<>();
    long oldestMs = Long.MAX_VALUE;
  }

  private void countOverflow(String bound) {
    overflowCounters.computeIfAbsent(bound, overflowGroup::counter).inc();
  }
}
