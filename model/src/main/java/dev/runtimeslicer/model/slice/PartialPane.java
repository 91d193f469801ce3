package dev.runtimeslicer.model.slice;

import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What one source subtask aggregated of one pane of one system between two flushes, when the slicer
 * pre-aggregates: a {@link SystemPane} of those records, their log messages counted but not yet
 * mined (template miners live once per system, where the parts meet, so every part names a template
 * alike), and the event times it holds per signal, which drive the system's clock there.
 */
public final class PartialPane {

  /**
   * Distinct log messages kept per service and part, as a multiple of the templates bound: a
   * message is a template's tokens with its variables masked, so there are more messages than
   * templates, but a bounded number of them.
   */
  static final int MESSAGES_PER_TEMPLATE = 8;

  private static final int SIGNALS = Signal.values().length;

  public final String system;
  public final long paneStartMs;
  final SystemPane pane;

  /** Per service, normalized log message (its tokens joined by single spaces) to records. */
  final Map<String, Map<String, Long>> logMessages;

  /**
   * Per service, log records whose message found no room; they count under the overflow template.
   */
  final Map<String, Long> overflowedMessages;

  final long[] oldestMs;
  final long[] newestMs;
  final long[] records;

  /** An empty part of the pane of {@code system} starting at {@code paneStartMs}. */
  public PartialPane(String system, long paneStartMs) {
    this(
        system,
        paneStartMs,
        new SystemPane(),
        new HashMap<>(),
        new HashMap<>(),
        filled(Long.MAX_VALUE),
        filled(Long.MIN_VALUE),
        new long[SIGNALS]);
  }

  PartialPane(
      String system,
      long paneStartMs,
      SystemPane pane,
      Map<String, Map<String, Long>> logMessages,
      Map<String, Long> overflowedMessages,
      long[] oldestMs,
      long[] newestMs,
      long[] records) {
    this.system = system;
    this.paneStartMs = paneStartMs;
    this.pane = pane;
    this.logMessages = logMessages;
    this.overflowedMessages = overflowedMessages;
    this.oldestMs = oldestMs;
    this.newestMs = newestMs;
    this.records = records;
  }

  private static long[] filled(long value) {
    long[] values = new long[SIGNALS];
    Arrays.fill(values, value);
    return values;
  }

  /**
   * Aggregates one record of this part's system and pane.
   *
   * @param messageTokens the normalized tokens of a LOG record's message, null for other signals
   */
  public void add(
      TelemetryRecord record,
      List<String> messageTokens,
      SliceSettings settings,
      Consumer<String> onOverflow) {
    int s = record.signal.ordinal();
    oldestMs[s] = Math.min(oldestMs[s], record.timestampMs);
    newestMs[s] = Math.max(newestMs[s], record.timestampMs);
    records[s]++;
    if (!pane.add(record, SystemPane.UNMINED, null, settings, onOverflow)
        || record.signal != Signal.LOG) {
      return;
    }
    Map<String, Long> messages =
        logMessages.computeIfAbsent(record.service, service -> new HashMap<>());
    String message = String.join(" ", messageTokens);
    Long count = messages.get(message);
    if (count == null
        && messages.size() >= MESSAGES_PER_TEMPLATE * settings.maxTemplatesPerService()) {
      overflowedMessages.merge(record.service, 1L, Long::sum);
      return;
    }
    messages.put(message, count == null ? 1L : count + 1);
  }

  /** Records in this part, of every signal. */
  public long recordCount() {
    long total = 0;
    for (long count : records) {
      total += count;
    }
    return total;
  }

  /** Records of {@code signal} in this part. */
  public long recordCount(Signal signal) {
    return records[signal.ordinal()];
  }

  /** Event time of the oldest record of {@code signal}; {@link Long#MAX_VALUE} when it has none. */
  public long oldestMs(Signal signal) {
    return oldestMs[signal.ordinal()];
  }

  /** Event time of the newest record of {@code signal}; {@link Long#MIN_VALUE} when it has none. */
  public long newestMs(Signal signal) {
    return newestMs[signal.ordinal()];
  }

  /** Services whose log records this part holds, each with its messages and their record counts. */
  public Map<String, Map<String, Long>> logMessages() {
    return logMessages;
  }

  /**
   * Log records of {@code service} that found no room for their message: they count under the
   * overflow template.
   */
  public long overflowedMessages(String service) {
    return overflowedMessages.getOrDefault(service, 0L);
  }

  /** Services whose log records overflowed their message bound in this part. */
  public Set<String> servicesWithOverflowedMessages() {
    return overflowedMessages.keySet();
  }

  /** Records of each service this part holds, by name. */
  public Map<String, Long> recordsByService() {
    Map<String, Long> services = new TreeMap<>();
    pane.services.forEach((name, service) -> services.put(name, service.records()));
    return services;
  }

  /**
   * Counts {@code records} of this part that overflowed {@code bound} (one the part cannot check
   * itself).
   */
  public void countOverflow(String bound, long records) {
    pane.countOverflow(bound, records);
  }

  /**
   * Adds this part into {@code target}, the system's pane, within its bounds (log messages are
   * mined by the caller).
   */
  public void mergeInto(SystemPane target, SliceSettings settings, Consumer<String> onOverflow) {
    target.merge(pane, settings, onOverflow);
  }

  /** The tokens of a message as {@link #logMessages()} holds it. */
  public static List<String> tokens(String message) {
    List<String> tokens = new ArrayList<>();
    int start = 0;
    for (int i = 0; i <= message.length(); i++) {
      if (i == message.length() || message.charAt(i) == ' ') {
        if (i > start) {
          tokens.add(message.substring(start, i));
        }
        start = i + 1;
      }
    }
    return tokens;
  }
}
