package dev.runtimeslicer.slice;

import dev.runtimeslicer.telemetry.DeadLetter;
import dev.runtimeslicer.telemetry.Signal;
import dev.runtimeslicer.telemetry.SourcePosition;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Cuts the telemetry of one system (the key) into sliding event-time windows of size W and
 * slide S, pane by pane: each record is aggregated once into the pane of length S that holds
 * it, and when the watermark passes a window's end the W/S panes of that window are merged into
 * a {@link RuntimeSlice}. A pane is dropped as soon as the last window that needs it fired.
 *
 * <p>A record whose first window already fired is late: it goes to {@link #LATE} as a dead
 * letter and is counted in {@code lateRecords}, never silently dropped. Cardinality overflow is
 * counted in {@code overflow.<bound>}.
 *
 * <p>In BATCH mode Flink hands each key's records over sorted by event time, but records of the
 * same millisecond come in no fixed order, and log templates, the instances kept and floating-point
 * sums depend on order. With {@link InputOrder#SORTED_BY_TIME} such records are held back and added
 * in {@link TelemetryContentOrder}, so a replay slices identically run after run.
 */
public final class PaneSliceFunction extends KeyedProcessFunction<String, TelemetryRecord, RuntimeSlice> {

  private static final long serialVersionUID = 1L;
  /** Side output of records that arrived after their window fired. */
  public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-records") {};
  static final String LATE_SOURCE = "late";
  private static final int MAX_LOG_TOKENS = 64;

  /** The order in which records of one key reach the function. */
  public enum InputOrder {
    /** As they arrive in a stream: lateness is checked, records are added at once. */
    ARRIVAL,
    /** By event time with ties in any order, then the key's timers (Flink's BATCH mode). */
    SORTED_BY_TIME
  }

  private final SliceSettings settings;
  private final Duration templateStateTtl;
  private final InputOrder inputOrder;

  private transient MapState<Long, SystemPane> panes;
  private transient MapState<String, LogTemplateMiner> miners;
  private transient SliceAssembler assembler;
  private transient LogMessageNormalizer normalizer;
  private transient Counter lateRecords;
  private transient Counter slices;
  private transient Counter partialWindows;
  private transient ValueState<Long> firstPane;
  /** The key whose newest pane is cached, and that pane's start (see {@link #newestPaneStart}). */
  private transient String newestPaneKey;
  private transient long newestPaneStart;
  private transient MetricGroup overflowGroup;
  private transient Map<String, Counter> overflowCounters;
  /** Records of the current key and millisecond not yet added (SORTED_BY_TIME only). */
  private transient List<TelemetryRecord> sameTime;
  private transient String sameTimeKey;
  /** The key and pane whose window timers were registered last (SORTED_BY_TIME only). */
  private transient String timedKey;
  private transient long timedPaneStart;

  /** A slicer for a stream ({@link InputOrder#ARRIVAL}). */
  public PaneSliceFunction(SliceSettings settings, Duration templateStateTtl) {
    this(settings, templateStateTtl, InputOrder.ARRIVAL);
  }

  /** A slicer for input that reaches it in {@code inputOrder}. */
  public PaneSliceFunction(SliceSettings settings, Duration templateStateTtl, InputOrder inputOrder) {
    this.settings = settings;
    this.templateStateTtl = templateStateTtl;
    this.inputOrder = inputOrder;
  }

  @Override
  public void open(OpenContext openContext) {
    MapStateDescriptor<Long, SystemPane> paneDescriptor =
        new MapStateDescriptor<>("panes", LongSerializer.INSTANCE, SystemPaneSerializer.INSTANCE);
    // No TTL here: event-time timers remove every pane once its last window fired, and timers of
    // every system fire as the operator's watermark advances. A TTL would wrap every access on
    // the hottest path of the job (measured in WindowingBenchmark).
    panes = getRuntimeContext().getMapState(paneDescriptor);

    MapStateDescriptor<String, LogTemplateMiner> minerDescriptor =
        new MapStateDescriptor<>("log-templates", StringSerializer.INSTANCE, LogTemplateMinerSerializer.INSTANCE);
    minerDescriptor.enableTimeToLive(ttl(templateStateTtl, StateTtlConfig.UpdateType.OnReadAndWrite));
    miners = getRuntimeContext().getMapState(minerDescriptor);

    // Read and written once per pane, not per record; expires with the templates, so a system
    // that comes back after a long silence warms up again.
    ValueStateDescriptor<Long> firstPaneDescriptor = new ValueStateDescriptor<>("first-pane", LongSerializer.INSTANCE);
    firstPaneDescriptor.enableTimeToLive(ttl(templateStateTtl, StateTtlConfig.UpdateType.OnCreateAndWrite));
    firstPane = getRuntimeContext().getState(firstPaneDescriptor);

    assembler = new SliceAssembler(settings);
    normalizer = new LogMessageNormalizer(MAX_LOG_TOKENS);
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    lateRecords = metrics.counter("lateRecords");
    slices = metrics.counter("slices");
    partialWindows = metrics.counter("partialWindows");
    newestPaneKey = null;
    overflowGroup = metrics.addGroup("overflow");
    overflowCounters = new HashMap<>();
    sameTime = new ArrayList<>();
    sameTimeKey = null;
    timedKey = null;
  }

  /** Background cleanup is off because it deep-copies entries on state accesses; expired entries go on access and from full snapshots. */
  private static StateTtlConfig ttl(Duration ttl, StateTtlConfig.UpdateType updateType) {
    return StateTtlConfig.newBuilder(ttl).setUpdateType(updateType).disableCleanupInBackground().cleanupFullSnapshot().build();
  }

  @Override
  public void processElement(TelemetryRecord record, Context context, Collector<RuntimeSlice> out) throws Exception {
    if (inputOrder == InputOrder.SORTED_BY_TIME) {
      holdBack(record, context);
      return;
    }
    long paneStart = settings.paneStart(record.timestampMs);
    long watermark = context.timerService().currentWatermark();
    if (paneStart + settings.slideMs() - 1 <= watermark) {
      lateRecords.inc();
      context.output(LATE, lateLetter(record, watermark));
      return;
    }
    if (add(record)) {
      registerWindowTimers(paneStart, context.timerService());
    }
  }

  /**
   * Holds {@code record} back until its millisecond is complete: a newer record ends it, and so
   * does the key's first timer (in BATCH mode a key's timers fire after its last record, before
   * the next key). Window timers are registered here, as a record arrives: BATCH mode ignores
   * timers registered while timers fire.
   */
  private void holdBack(TelemetryRecord record, Context context) throws Exception {
    String key = context.getCurrentKey();
    if (!sameTime.isEmpty() && !key.equals(sameTimeKey)) {
      throw new IllegalStateException("records of " + sameTimeKey + " were still held back when " + key
          + " began: input order " + inputOrder + " needs Flink's BATCH mode; use " + InputOrder.ARRIVAL + " for a stream");
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
    if (sameTime.size() > 1) {
      sameTime.sort(TelemetryContentOrder.INSTANCE);
    }
    for (TelemetryRecord record : sameTime) {
      add(record);
    }
    sameTime.clear();
    sameTimeKey = null;
  }

  /** Aggregates {@code record} into its pane; true when that pane is new. */
  private boolean add(TelemetryRecord record) throws Exception {
    long paneStart = settings.paneStart(record.timestampMs);
    SystemPane pane = panes.get(paneStart);
    boolean created = pane == null;
    if (created) {
      pane = new SystemPane();
      Long first = firstPane.value();
      if (first == null || paneStart < first) {
        firstPane.update(paneStart);
      }
    }
    int templateId = record.signal == Signal.LOG ? templateOf(record) : LogTemplateMiner.OVERFLOW;
    pane.add(record, templateId, settings, this::countOverflow);
    panes.put(paneStart, pane);
    return created;
  }

  /** One timer at the end of every window the pane starting at {@code paneStart} belongs to. */
  private void registerWindowTimers(long paneStart, TimerService timers) {
    for (long end = paneStart + settings.slideMs(); end <= paneStart + settings.windowSizeMs(); end += settings.slideMs()) {
      timers.registerEventTimeTimer(end - 1);
    }
  }

  private int templateOf(TelemetryRecord record) throws Exception {
    LogTemplateMiner miner = miners.get(record.service);
    if (miner == null) {
      miner = new LogTemplateMiner(settings.maxTemplatesPerService());
    }
    int id = miner.match(normalizer.tokens(record.log.body));
    miners.put(record.service, miner);
    return id;
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<RuntimeSlice> out) throws Exception {
    if (!sameTime.isEmpty()) {
      addHeldBack();
    }
    long windowEnd = timestamp + 1;
    long windowStart = windowEnd - settings.windowSizeMs();
    List<SystemPane> windowPanes = new ArrayList<>(settings.panesPerWindow());
    for (long paneStart = windowStart; paneStart < windowEnd; paneStart += settings.slideMs()) {
      SystemPane pane = panes.get(paneStart);
      if (pane != null) {
        windowPanes.add(pane);
      }
    }
    if (!windowPanes.isEmpty()) {
      RuntimeSlice slice = assembler.assemble(context.getCurrentKey(), windowStart, windowEnd, windowPanes, this::templateText);
      // Mid-stream, a window past a system's last data is a real silence; at the end of a bounded
      // input (watermark at its maximum) it only reaches past the data.
      Long first = firstPane.value();
      slice.partial = (first != null && windowStart < first)
          || (context.timerService().currentWatermark() == Long.MAX_VALUE
              && windowEnd > newestPaneStart(context.getCurrentKey()) + settings.slideMs());
      if (slice.partial) {
        partialWindows.inc();
      }
      out.collect(slice);
      slices.inc();
    }
    // No later window contains the oldest pane of this one.
    panes.remove(windowStart);
  }

  /**
   * Start of the newest pane of {@code key}, scanned once per key: once the input has ended no
   * pane is added, and the newest is removed last.
   */
  private long newestPaneStart(String key) throws Exception {
    if (!key.equals(newestPaneKey)) {
      long newest = Long.MIN_VALUE;
      for (Long start : panes.keys()) {
        newest = Math.max(newest, start);
      }
      newestPaneKey = key;
      newestPaneStart = newest;
    }
    return newestPaneStart;
  }

  private String templateText(String service, int templateId) {
    try {
      LogTemplateMiner miner = miners.get(service);
      return miner == null ? LogTemplateMiner.OVERFLOW_TEMPLATE : miner.template(templateId);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read log templates of " + service, e);
    }
  }

  private void countOverflow(String bound) {
    overflowCounters.computeIfAbsent(bound, overflowGroup::counter).inc();
  }

  private static DeadLetter lateLetter(TelemetryRecord record, long watermark) {
    String reason = "late " + record.signal + " record of " + record.system + "/" + record.service + ": event time "
        + record.timestampMs + " is behind the watermark " + watermark
        + " and its window already fired; raise watermark.max-out-of-orderness if this is frequent";
    byte[] payload = LateRecordJson.write(record);
    return new DeadLetter(new SourcePosition(LATE_SOURCE, -1, record.timestampMs), "late", reason, "record", payload);
  }
}
