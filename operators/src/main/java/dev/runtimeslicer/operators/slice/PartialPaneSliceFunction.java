package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.format.LateRecordJson;
import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.LogTemplateMiner;
import dev.runtimeslicer.model.slice.PartialPane;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.slice.SystemClock;
import dev.runtimeslicer.model.slice.SystemPane;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Slices one system (the key) from parts of its panes pre-aggregated where the records arrived
 * ({@link PanePreAggregator}), as {@link AbstractPaneSliceFunction} describes: each part is merged
 * into its pane within the pane's bounds, and its log messages are mined here, by the system's one
 * miner per service, so templates are named alike whichever subtask read a record.
 *
 * <p>A part is the unit of lateness: when its pane's first window already closed, or its oldest
 * record reaches back before the system's first data, the whole part goes to {@link #LATE} as one
 * dead letter that counts its records by signal and service (their contents were aggregated where
 * they arrived), and {@code lateRecords} counts its records. Duplicate deliveries were skipped
 * where they arrived.
 */
public final class PartialPaneSliceFunction extends AbstractPaneSliceFunction<PartialPane> {

  private static final long serialVersionUID = 1L;

  /** Run it through {@link PaneSliceOperator#forPartials}. */
  PartialPaneSliceFunction(
      SliceSettings settings, EventTimeSettings eventTime, Duration templateStateTtl) {
    super(settings, eventTime, templateStateTtl);
  }

  @Override
  long paneStartOf(PartialPane part) {
    return part.paneStartMs;
  }

  @Override
  boolean reachesBeforeStart(PartialPane part, SystemClock clock, long paneStart) {
    for (Signal signal : Signal.values()) {
      if (part.recordCount(signal) > 0
          && clock.reachesBeforeStart(
              signal, part.oldestMs(signal), paneStart, eventTime.maxOutOfOrdernessMs())) {
        return true;
      }
    }
    return false;
  }

  @Override
  void observe(PartialPane part, SystemClock clock, long latestClockMs, long nowMs) {
    for (Signal signal : Signal.values()) {
      if (part.recordCount(signal) > 0) {
        clock.observe(signal, Math.min(part.newestMs(signal), latestClockMs), nowMs);
      }
    }
  }

  @Override
  long recordsIn(PartialPane part) {
    return part.recordCount();
  }

  @Override
  boolean add(String key, PartialPane part, SystemClock clock) throws Exception {
    SystemPane pane = panes.get(key, part.paneStartMs);
    boolean created = pane == null;
    if (created) {
      pane = new SystemPane();
      clock.notePane(part.paneStartMs);
    }
    part.mergeInto(pane, settings, this::countOverflow);
    Set<String> logging = new HashSet<>(part.logMessages().keySet());
    logging.addAll(part.servicesWithOverflowedMessages());
    for (String service : logging) {
      if (!pane.hasService(service)) {
        // the service did not fit: its records were counted as overflow, and it gets no miner
        continue;
      }
      for (Map.Entry<String, Long> message :
          part.logMessages().getOrDefault(service, Map.of()).entrySet()) {
        int templateId = templateOf(key, service, PartialPane.tokens(message.getKey()), clock);
        pane.addTemplate(
            service,
            templateId,
            templateId == LogTemplateMiner.OVERFLOW ? null : minedText,
            message.getValue(),
            this::countOverflow);
      }
      long overflowed = part.overflowedMessages(service);
      if (overflowed > 0) {
        pane.addTemplate(service, LogTemplateMiner.OVERFLOW, null, overflowed, this::countOverflow);
      }
    }
    panes.put(key, part.paneStartMs, pane);
    return created;
  }

  @Override
  DeadLetter lateLetter(PartialPane part, SystemClock clock) {
    String where =
        clock.closedThroughMs != SystemClock.NONE
            ? "is in a window of "
                + part.system
                + " that already closed (windows up to "
                + clock.closedThroughMs
                + " have)"
            : "reaches before the first data of "
                + part.system
                + " ("
                + clock.firstPaneMs
                + ") by more than the allowed out-of-orderness";
    String reason =
        "late pre-aggregated records of "
            + part.system
            + ": "
            + part.recordCount()
            + " records of pane "
            + part.paneStartMs
            + " "
            + where
            + "; the payload counts them by signal and service. Check the producers' clocks, or"
            + " raise watermark.max-out-of-orderness if this is frequent";
    return new DeadLetter(
        new SourcePosition(LATE_SOURCE, -1, part.paneStartMs),
        "late",
        reason,
        "pre-aggregated-pane",
        LateRecordJson.write(part));
  }
}
