package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.format.LateRecordJson;
import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.LogMessageNormalizer;
import dev.runtimeslicer.model.slice.LogTemplateMiner;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.slice.SystemClock;
import dev.runtimeslicer.model.slice.SystemPane;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;

/**
 * Slices the telemetry records of one system (the key), as {@link AbstractPaneSliceFunction}
 * describes: each record is aggregated once into its pane.
 *
 * <p>A record its pane already took (a second delivery: Collector retries are at least once) is
 * counted in {@code duplicateRecords} and skipped.
 *
 * <p>In BATCH mode Flink hands each key's records over sorted by event time, but records of the
 * same millisecond come in no fixed order, and log templates, the instances kept and floating-point
 * sums depend on order. With {@link InputOrder#SORTED_BY_TIME} such records are held back and added
 * in {@link TelemetryContentOrder}, so a replay slices identically run after run.
 */
public final class PaneSliceFunction extends AbstractPaneSliceFunction<TelemetryRecord> {

  private static final long serialVersionUID = 1L;
  private static final int MAX_LOG_TOKENS = 64;

  /** The order in which records of one key reach the function. */
  public enum InputOrder {
    /**
     * As they arrive in a stream: each system's own clock closes its windows and decides what is
     * late.
     */
    ARRIVAL,
    /** By event time with ties in any order, then the key's timers (Flink's BATCH mode). */
    SORTED_BY_TIME
  }

  private final InputOrder inputOrder;
  private transient LogMessageNormalizer normalizer;

  /** Records of the current key and millisecond not yet added (SORTED_BY_TIME only). */
  private transient List<TelemetryRecord> sameTime;

  private transient String sameTimeKey;

  /** The key and pane whose window timers were registered last (SORTED_BY_TIME only). */
  private transient String timedKey;

  private transient long timedPaneStart;

  /**
   * A slicer for a stream ({@link InputOrder#ARRIVAL}); run it through {@link PaneSliceOperator}.
   */
  PaneSliceFunction(
      SliceSettings settings, EventTimeSettings eventTime, Duration templateStateTtl) {
    this(settings, eventTime, templateStateTtl, InputOrder.ARRIVAL);
  }

  /**
   * A slicer for input that reaches it in {@code inputOrder}; run it through {@link
   * PaneSliceOperator}.
   */
  PaneSliceFunction(
      SliceSettings settings,
      EventTimeSettings eventTime,
      Duration templateStateTtl,
      InputOrder inputOrder) {
    super(settings, eventTime, templateStateTtl);
    this.inputOrder = inputOrder;
  }

  @Override
  public void open(OpenContext openContext) {
    super.open(openContext);
    normalizer = new LogMessageNormalizer(MAX_LOG_TOKENS);
    sameTime = new ArrayList<>();
    sameTimeKey = null;
    timedKey = null;
  }

  @Override
  public void processElement(TelemetryRecord record, Context context, Collector<RuntimeSlice> out)
      throws Exception {
    if (inputOrder == InputOrder.SORTED_BY_TIME) {
      holdBack(record, context);
      return;
    }
    super.processElement(record, context, out);
  }

  @Override
  long paneStartOf(TelemetryRecord record) {
    return settings.paneStart(record.timestampMs);
  }

  @Override
  boolean reachesBeforeStart(TelemetryRecord record, SystemClock clock, long paneStart) {
    return clock.reachesBeforeStart(
        record.signal, record.timestampMs, paneStart, eventTime.maxOutOfOrdernessMs());
  }

  @Override
  void observe(TelemetryRecord record, SystemClock clock, long latestClockMs, long nowMs) {
    clock.observe(record.signal, Math.min(record.timestampMs, latestClockMs), nowMs);
  }

  @Override
  long recordsIn(TelemetryRecord record) {
    return 1;
  }

  /**
   * Holds {@code record} back until its millisecond is complete: a newer record ends it, and so
   * does the key's first timer (in BATCH mode a key's timers fire after its last record, before the
   * next key). Window timers are registered here, as a record arrives: BATCH mode ignores timers
   * registered while timers fire.
   */
  private void holdBack(TelemetryRecord record, Context context) throws Exception {
    String key = context.getCurrentKey();
    if (!sameTime.isEmpty() && !key.equals(sameTimeKey)) {
      throw new IllegalStateException(
          "records of "
              + sameTimeKey
              + " were still held back when "
              + key
              + " began: input order "
              + inputOrder
              + " needs Flink's BATCH mode; use "
              + InputOrder.ARRIVAL
              + " for a stream");
    }
    if (!sameTime.isEmpty() && sameTime.get(0).timestampMs != record.timestampMs) {
      addHeldBack();
    }
    long paneStart = settings.paneStart(record.timestampMs);
    if (!key.equals(timedKey) || paneStart != timedPaneStart) {
      registerWindowTimers(paneStart, context.timerService());
      timedKey = key;
      timedPaneStart = paneStart;
    }
    sameTimeKey = key;
    sameTime.add(record);
  }

  /** Adds the held-back records in content order; nothing is late in BATCH mode. */
  private void addHeldBack() throws Exception {
    String key = sameTimeKey;
    if (sameTime.size() > 1) {
      sameTime.sort(TelemetryContentOrder.INSTANCE);
    }
    SystemClock clock = clocks.value();
    if (clock == null) {
      clock = new SystemClock();
    }
    long firstPane = clock.firstPaneMs;
    int minedServices = clock.minedServices;
    for (TelemetryRecord record : sameTime) {
      add(key, record, clock);
    }
    if (clock.firstPaneMs != firstPane || clock.minedServices != minedServices) {
      clocks.update(
          clock); // in BATCH mode the clock only remembers the first pane and the miners made
    }
    sameTime.clear();
    sameTimeKey = null;
  }

  @Override
  boolean add(String key, TelemetryRecord record, SystemClock clock) throws Exception {
    long paneStart = settings.paneStart(record.timestampMs);
    SystemPane pane = panes.get(key, paneStart);
    boolean created = pane == null;
    if (created) {
      pane = new SystemPane();
      clock.notePane(paneStart);
    }
    if (pane.isDuplicate(record, settings, this::countOverflow)) {
      duplicateRecords.inc(); // a pane that already took the record is not new
      return false;
    }
    // Mine templates only for a service the pane takes: a flood of new service names must not
    // create a miner (state) for each before the services bound turns them away.
    int templateId =
        record.signal == Signal.LOG && pane.admits(record.service, settings)
            ? templateOf(key, record.service, normalizer.tokens(record.log.body), clock)
            : LogTemplateMiner.OVERFLOW;
    // A stream names templates as each pane saw them (the miner's text when a window closes depends
    // on how far the job has read); a BATCH replay closes every window after all mining, and its
    // slices, the training data, keep naming templates by the miner's final text.
    String templateText =
        inputOrder == InputOrder.ARRIVAL && templateId != LogTemplateMiner.OVERFLOW
            ? minedText
            : null;
    pane.add(record, templateId, templateText, settings, this::countOverflow);
    panes.put(key, paneStart, pane);
    return created;
  }

  /** One timer at the end of every window the pane starting at {@code paneStart} belongs to. */
  private void registerWindowTimers(long paneStart, TimerService timers) {
    for (long end = paneStart + settings.slideMs();
        end <= paneStart + settings.windowSizeMs();
        end += settings.slideMs()) {
      timers.registerEventTimeTimer(end - 1);
    }
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<RuntimeSlice> out)
      throws Exception {
    if (inputOrder != InputOrder.SORTED_BY_TIME) {
      super.onTimer(timestamp, context, out);
      return;
    }
    if (!sameTime.isEmpty()) {
      addHeldBack();
    }
    long windowEnd = timestamp + 1;
    SystemClock clock = clocks.value();
    emitWindow(
        context.getCurrentKey(),
        windowEnd,
        clock == null ? SystemClock.NONE : clock.firstPaneMs,
        context.timerService().currentWatermark() == Long.MAX_VALUE,
        out);
  }

  @Override
  DeadLetter lateLetter(TelemetryRecord record, SystemClock clock) {
    String where =
        clock.closedThroughMs != SystemClock.NONE
            ? "is in a window of "
                + record.system
                + " that already closed (windows up to "
                + clock.closedThroughMs
                + " have)"
            : "is before the first data of "
                + record.system
                + " ("
                + clock.firstPaneMs
                + ") by more than the allowed out-of-orderness";
    String reason =
        "late "
            + record.signal
            + " record of "
            + record.system
            + "/"
            + record.service
            + ": event time "
            + record.timestampMs
            + " "
            + where
            + "; check the producer's clock, or raise watermark.max-out-of-orderness if this is"
            + " frequent";
    byte[] payload = LateRecordJson.write(record);
    return new DeadLetter(
        new SourcePosition(LATE_SOURCE, -1, record.timestampMs), "late", reason, "record", payload);
  }
}
