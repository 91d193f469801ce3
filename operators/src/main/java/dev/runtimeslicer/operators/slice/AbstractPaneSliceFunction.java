package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.LogTemplateMiner;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceAssembler;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.slice.SystemClock;
import dev.runtimeslicer.model.slice.SystemPane;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeutils.base.LongSerializer;
import org.apache.flink.api.common.typeutils.base.StringSerializer;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Cuts the telemetry of one system (the key) into sliding event-time windows of size W and slide S,
 * pane by pane: each input is aggregated once into the pane of length S that holds it, and when the
 * system's own watermark passes a window's end the W/S panes of that window are merged into a
 * {@link RuntimeSlice}. A pane is dropped as soon as the last window that needs it closed.
 * Subclasses say what an input is: a record ({@link PaneSliceFunction}) or a part of a pane
 * pre-aggregated upstream ({@link PartialPaneSliceFunction}); the state is the same, so a savepoint
 * of one restores into the other.
 *
 * <p>In a stream each system keeps its own {@link SystemClock}, advanced by its inputs and, when it
 * falls silent, by processing time (a timer per system every slide while it has open panes). The
 * operator's watermark only ends the input: a skewed clock, backlog or burst of one system never
 * closes, holds back or alters another system's windows.
 *
 * <p>An input whose first window already closed is late: it goes to {@link #LATE} as a dead letter
 * and its records are counted in {@code lateRecords}, never silently dropped. Cardinality overflow
 * is counted in {@code overflow.<bound>}.
 */
public abstract class AbstractPaneSliceFunction<IN>
    extends KeyedProcessFunction<String, IN, RuntimeSlice> {

  private static final long serialVersionUID = 1L;

  /** Side output of records that arrived after their window fired. */
  public static final OutputTag<DeadLetter> LATE = new OutputTag<>("late-records") {};

  static final String LATE_SOURCE = "late";

  /** The one event-time timer of a system in a stream: it fires only when the input ends. */
  static final long END_OF_INPUT = Long.MAX_VALUE;

  final SliceSettings settings;
  final EventTimeSettings eventTime;
  private final Duration templateStateTtl;

  /**
   * Set by {@link PaneSliceOperator}, which saves the write-back state at every checkpoint barrier.
   */
  boolean savedAtCheckpoints;

  /**
   * Set by {@link PaneSliceOperator}: false over a heap backend, where state objects already live
   * on the heap.
   */
  transient boolean writeBack;

  transient WriteBackMapState<String, Long, SystemPane> panes;
  private transient WriteBackMapState<String, String, LogTemplateMiner> miners;

  /** Text of the template the last mined log message matched, right after it was mined. */
  transient String minedText;

  private transient SliceAssembler assembler;
  transient Counter lateRecords;
  transient Counter duplicateRecords;
  private transient Counter slices;
  private transient Counter partialWindows;
  transient ValueState<SystemClock> clocks;

  /** Working clocks of the systems of this subtask with open panes (see {@link #clock}). */
  private transient Map<String, SystemClock> liveClocks;

  /**
   * Processing time this instance started at: silence is counted from here, not across a restart.
   */
  private transient long startedAtMs;

  /** The key whose newest pane is cached, and that pane's start (see {@link #newestPaneStart}). */
  private transient String newestPaneKey;

  private transient long newestPaneStart;
  private transient MetricGroup overflowGroup;
  private transient Map<String, Counter> overflowCounters;

  AbstractPaneSliceFunction(
      SliceSettings settings, EventTimeSettings eventTime, Duration templateStateTtl) {
    this.settings = settings;
    this.eventTime = eventTime;
    this.templateStateTtl = templateStateTtl;
  }

  @Override
  public void open(OpenContext openContext) {
    if (!savedAtCheckpoints) {
      throw new IllegalStateException(
          getClass().getSimpleName()
              + " keeps its panes and template miners in a write-back cache that only"
              + " PaneSliceOperator saves at checkpoints; run it with PaneSliceOperator, not a"
              + " plain KeyedProcessOperator");
    }
    MapStateDescriptor<Long, SystemPane> paneDescriptor =
        new MapStateDescriptor<>("panes", LongSerializer.INSTANCE, SystemPaneSerializer.INSTANCE);
    // No TTL here: every pane is removed once its last window closed, and a silent system's windows
    // still close on processing time. A TTL would wrap every access on the hottest path of the job
    // (measured in WindowingBenchmark).
    panes =
        new WriteBackMapState<>(
            getRuntimeContext().getMapState(paneDescriptor),
            SystemPaneSerializer.INSTANCE,
            writeBack);

    MapStateDescriptor<String, LogTemplateMiner> minerDescriptor =
        new MapStateDescriptor<>(
            "log-templates", StringSerializer.INSTANCE, LogTemplateMinerSerializer.INSTANCE);
    minerDescriptor.enableTimeToLive(
        ttl(templateStateTtl, StateTtlConfig.UpdateType.OnReadAndWrite));
    miners =
        new WriteBackMapState<>(
            getRuntimeContext().getMapState(minerDescriptor),
            LogTemplateMinerSerializer.INSTANCE,
            writeBack);

    // Expires with the templates, so a system that comes back after a long silence starts afresh.
    ValueStateDescriptor<SystemClock> clockDescriptor =
        new ValueStateDescriptor<>("system-clock", SystemClock.class);
    clockDescriptor.enableTimeToLive(
        ttl(templateStateTtl, StateTtlConfig.UpdateType.OnCreateAndWrite));
    clocks = getRuntimeContext().getState(clockDescriptor);
    liveClocks = new HashMap<>();
    startedAtMs = SystemClock.NONE;

    assembler = new SliceAssembler(settings);
    MetricGroup metrics = getRuntimeContext().getMetricGroup();
    lateRecords = metrics.counter("lateRecords");
    duplicateRecords = metrics.counter("duplicateRecords");
    slices = metrics.counter("slices");
    partialWindows = metrics.counter("partialWindows");
    newestPaneKey = null;
    overflowGroup = metrics.addGroup("overflow");
    overflowCounters = new HashMap<>();
  }

  /**
   * Background cleanup is off because it deep-copies entries on state accesses; expired entries go
   * on access and from full snapshots.
   */
  private static StateTtlConfig ttl(Duration ttl, StateTtlConfig.UpdateType updateType) {
    return StateTtlConfig.newBuilder(ttl)
        .setUpdateType(updateType)
        .disableCleanupInBackground()
        .cleanupFullSnapshot()
        .build();
  }

  /** Start of the pane {@code input} belongs to. */
  abstract long paneStartOf(IN input);

  /**
   * Whether {@code input} reaches back before the system's first pane by more than the
   * out-of-orderness allowed (see {@link SystemClock#reachesBeforeStart}).
   */
  abstract boolean reachesBeforeStart(IN input, SystemClock clock, long paneStart);

  /** Notes the event times of {@code input} on the clock, none later than {@code latestClockMs}. */
  abstract void observe(IN input, SystemClock clock, long latestClockMs, long nowMs);

  /** Aggregates {@code input} of system {@code key} into its pane; true when that pane is new. */
  abstract boolean add(String key, IN input, SystemClock clock) throws Exception;

  /** Records {@code input} stands for. */
  abstract long recordsIn(IN input);

  /** The dead letter of {@code input}, found late. */
  abstract DeadLetter lateLetter(IN input, SystemClock clock);

  @Override
  public void processElement(IN input, Context context, Collector<RuntimeSlice> out)
      throws Exception {
    long now = context.timerService().currentProcessingTime();
    String key = context.getCurrentKey();
    SystemClock clock = clock(key, now);
    long paneStart = paneStartOf(input);
    if (clock.isLate(paneStart, settings.slideMs())
        || reachesBeforeStart(input, clock, paneStart)) {
      lateRecords.inc(recordsIn(input));
      context.output(LATE, lateLetter(input, clock));
      return;
    }
    // a host clock running ahead moves its system's clock no further than the job's own
    observe(input, clock, eventTime.latestClockMs(now), now);
    long closedThrough = clock.closedThroughMs;
    long firstPane = clock.firstPaneMs;
    long checkAt = clock.checkAtMs;
    int minedServices = clock.minedServices;
    if (add(key, input, clock)) {
      context.timerService().registerEventTimeTimer(END_OF_INPUT);
    }
    closeWindows(key, clock, now, context.timerService(), out);
    if (clock.closedThroughMs != closedThrough
        || clock.firstPaneMs != firstPane
        || clock.checkAtMs != checkAt
        || clock.minedServices != minedServices) {
      persist(key, clock);
    }
  }

  /**
   * The working clock of system {@code key}, and the time this instance started counting silence
   * from. A record only moves its signal's newest time and arrival, so the working clock is kept in
   * {@link #liveClocks} and written to state only when what it decided changes (a window closed, a
   * first pane, a check set): once per slide, not per record, which halves the state accesses of
   * the hottest path. The newest times in state may lag by under a slide; after a restore the clock
   * is then a little behind and waits for new records, never ahead.
   */
  private SystemClock clock(String key, long now) throws Exception {
    if (startedAtMs == SystemClock.NONE) {
      startedAtMs = now;
    }
    SystemClock clock = liveClocks.get(key);
    if (clock == null) {
      SystemClock stored = clocks.value();
      clock = stored == null ? new SystemClock() : stored.copy();
      liveClocks.put(key, clock);
    }
    return clock;
  }

  /**
   * Writes a copy of the working clock to state (the backend never holds the object this function
   * mutates); forgets it once the system has no pane open.
   */
  private void persist(String key, SystemClock clock) throws Exception {
    clocks.update(clock.copy());
    if (clock.checkAtMs == SystemClock.NONE && panes.isEmpty(key)) {
      liveClocks.remove(key);
    }
  }

  /**
   * Closes every window the system's watermark has passed and, while panes are open, keeps one
   * processing-time check pending for when the next window may close if nothing more arrives, so
   * windows close when the system (or one of its signals) falls silent.
   */
  private void closeWindows(
      String key, SystemClock clock, long now, TimerService timers, Collector<RuntimeSlice> out)
      throws Exception {
    long watermark = clock.watermark(now, startedAtMs, eventTime);
    if (watermark != SystemClock.NONE) {
      closeThrough(
          key,
          clock,
          SystemClock.lastClosableEnd(watermark, settings.slideMs()),
          false,
          timers,
          out);
    }
    // Arrivals mostly push the next close later: the pending check then fires early and is set
    // again, which costs far less than moving a timer on every record.
    boolean pending = clock.checkAtMs != SystemClock.NONE;
    if (pending && clock.checkAtMs - settings.slideMs() <= now) {
      return;
    }
    if (panes.isEmpty(key)) {
      return;
    }
    long nextEnd =
        clock.closedThroughMs == SystemClock.NONE
            ? clock.firstPaneMs + settings.slideMs()
            : clock.closedThroughMs + settings.slideMs();
    long checkAt = Math.max(now + 1, clock.closableAt(nextEnd, now, startedAtMs, eventTime));
    if (checkAt == Long.MAX_VALUE || (pending && checkAt >= clock.checkAtMs - settings.slideMs())) {
      return;
    }
    if (pending) {
      timers.deleteProcessingTimeTimer(clock.checkAtMs);
    }
    clock.checkAtMs = checkAt;
    timers.registerProcessingTimeTimer(checkAt);
  }

  /**
   * Emits the windows ending after the last closed one and at or before {@code lastEnd}, in order.
   */
  private void closeThrough(
      String key,
      SystemClock clock,
      long lastEnd,
      boolean endOfInput,
      TimerService timers,
      Collector<RuntimeSlice> out)
      throws Exception {
    if (clock.closedThroughMs == SystemClock.NONE) {
      if (clock.firstPaneMs == SystemClock.NONE) {
        return;
      }
      clock.closedThroughMs = clock.firstPaneMs; // no window ending there holds data
    }
    while (clock.closedThroughMs < lastEnd) {
      if (panes.isEmpty(key)) {
        // nothing left to emit: skip the empty windows of a gap at once
        clock.closedThroughMs = lastEnd;
        timers.deleteEventTimeTimer(END_OF_INPUT);
        break;
      }
      long end = clock.closedThroughMs + settings.slideMs();
      emitWindow(key, end, clock.firstPaneMs, endOfInput, out);
      clock.closedThroughMs = end;
    }
  }

  /**
   * The template of a log message of {@code service} ({@link #minedText} is its text right after),
   * from the service's miner; {@link LogTemplateMiner#OVERFLOW} when the system has no room for
   * another miner.
   */
  int templateOf(String key, String service, List<String> tokens, SystemClock clock)
      throws Exception {
    LogTemplateMiner miner = miners.get(key, service);
    if (miner == null) {
      if (clock.minedServices >= maxMinersPerSystem()) {
        countOverflow("template_miners");
        return LogTemplateMiner.OVERFLOW;
      }
      clock.minedServices++;
      miner = new LogTemplateMiner(settings.maxTemplatesPerService());
    }
    int id = miner.match(tokens);
    miners.put(key, service, miner);
    minedText = miner.template(id);
    return id;
  }

  /**
   * Miners a system may have: twice its services bound, room for services renamed over the
   * templates' lifetime; the count starts again when the system's clock expires with its state.
   */
  private int maxMinersPerSystem() {
    return 2 * settings.maxServicesPerSystem();
  }

  @Override
  public void onTimer(long timestamp, OnTimerContext context, Collector<RuntimeSlice> out)
      throws Exception {
    long now = context.timerService().currentProcessingTime();
    String key = context.getCurrentKey();
    SystemClock clock = clock(key, now);
    if (context.timeDomain() == TimeDomain.EVENT_TIME) {
      // the input has ended: every open window closes
      closeThrough(
          key,
          clock,
          SystemClock.lastClosableEnd(Long.MAX_VALUE - settings.windowSizeMs(), settings.slideMs()),
          true,
          context.timerService(),
          out);
    } else if (timestamp == clock.checkAtMs) {
      clock.checkAtMs = SystemClock.NONE;
      closeWindows(key, clock, now, context.timerService(), out);
    }
    persist(key, clock);
  }

  /**
   * Emits the window ending at {@code windowEnd} if any pane of it holds data, and removes its
   * oldest pane, which no later window contains.
   */
  void emitWindow(
      String key, long windowEnd, long firstPane, boolean endOfInput, Collector<RuntimeSlice> out)
      throws Exception {
    long windowStart = windowEnd - settings.windowSizeMs();
    List<SystemPane> windowPanes = new ArrayList<>(settings.panesPerWindow());
    for (long paneStart = windowStart; paneStart < windowEnd; paneStart += settings.slideMs()) {
      SystemPane pane = panes.get(key, paneStart);
      if (pane != null) {
        windowPanes.add(pane);
      }
    }
    if (!windowPanes.isEmpty()) {
      RuntimeSlice slice =
          assembler.assemble(
              key,
              windowStart,
              windowEnd,
              windowPanes,
              (service, id) -> templateText(key, service, id));
      // Mid-stream, a window past a system's last data is a real silence; at the end of a bounded
      // input it only reaches past the data.
      slice.partial =
          (firstPane != SystemClock.NONE && windowStart < firstPane)
              || (endOfInput && windowEnd > newestPaneStart(key) + settings.slideMs());
      if (slice.partial) {
        partialWindows.inc();
      }
      out.collect(slice);
      slices.inc();
    }
    panes.remove(key, windowStart);
  }

  /**
   * Start of the newest pane of {@code key}, scanned once per key: once the input has ended no pane
   * is added, and the newest is removed last.
   */
  private long newestPaneStart(String key) throws Exception {
    if (!key.equals(newestPaneKey)) {
      long newest = Long.MIN_VALUE;
      for (Long start : panes.keys(key)) {
        newest = Math.max(newest, start);
      }
      newestPaneKey = key;
      newestPaneStart = newest;
    }
    return newestPaneStart;
  }

  private String templateText(String key, String service, int templateId) {
    try {
      LogTemplateMiner miner = miners.get(key, service);
      return miner == null ? LogTemplateMiner.OVERFLOW_TEMPLATE : miner.template(templateId);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read log templates of " + service, e);
    }
  }

  /**
   * Systems whose panes or template miners changed since they were last saved to the state backend.
   */
  List<String> systemsWithUnsavedState() {
    List<String> systems = new ArrayList<>(panes.keysWithChanges());
    for (String system : miners.keysWithChanges()) {
      if (!systems.contains(system)) {
        systems.add(system);
      }
    }
    return systems;
  }

  /**
   * Saves the panes and template miners of {@code system}, which must be the current key, to the
   * state backend.
   */
  void saveState(String system) throws Exception {
    panes.save(system);
    miners.save(system);
  }

  /** Panes and template miners held on the heap, waiting for a save (tests). */
  int cachedStateValues() {
    return panes.cachedValues() + miners.cachedValues();
  }

  void countOverflow(String bound) {
    overflowCounters.computeIfAbsent(bound, overflowGroup::counter).inc();
  }
}
