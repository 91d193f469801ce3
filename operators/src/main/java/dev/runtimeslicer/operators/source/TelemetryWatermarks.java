package dev.runtimeslicer.operators.source;

import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks of the telemetry sources. They no longer close windows (each system's own
 * clock does, in the slicer); they end a bounded input, and they keep the three topics' readers
 * within a drift of each other (watermark alignment), so reading a backlog from the earliest
 * offsets does not pile up one topic's hours while another's are still unread.
 *
 * <p>A watermark trails the largest event time seen, but never passes the wall clock: a host with a
 * clock minutes fast must not make its partition look ahead and be paused. Dead letters carry no
 * time and never move it.
 */
public final class TelemetryWatermarks {

  /** The alignment group of the metrics, spans and logs sources. */
  public static final String ALIGNMENT_GROUP = "otlp-telemetry";

  private static final Duration ALIGNMENT_UPDATE_INTERVAL = Duration.ofSeconds(1);

  private TelemetryWatermarks() {}

  /**
   * Watermarks trailing the largest event time seen (capped at the wall clock) by {@code
   * maxOutOfOrderness}, with idleness, aligned across the group within {@code maxDrift}.
   */
  public static WatermarkStrategy<TelemetryRecord> aligned(
      Duration maxOutOfOrderness, Duration idleness, Duration maxDrift) {
    return unaligned(maxOutOfOrderness, idleness)
        .withWatermarkAlignment(ALIGNMENT_GROUP, maxDrift, ALIGNMENT_UPDATE_INTERVAL);
  }

  /**
   * The same watermarks without alignment, for sources whose splits end (bounded reads): Flink's
   * Kafka reader fails when alignment pauses a split that has just finished (FLINK-39728, fixed
   * after flink-connector-kafka 5.0.0), and the sources restart into the same failure.
   */
  public static WatermarkStrategy<TelemetryRecord> unaligned(
      Duration maxOutOfOrderness, Duration idleness) {
    long outOfOrdernessMs = maxOutOfOrderness.toMillis();
    return WatermarkStrategy.<TelemetryRecord>forGenerator(
            context -> new Generator(outOfOrdernessMs, System::currentTimeMillis))
        .withTimestampAssigner(
            (record, previous) -> record.hasDeadLetter() ? previous : record.timestampMs)
        .withIdleness(idleness);
  }

  /**
   * Like Flink's bounded out-of-orderness generator, but blind to dead letters and never ahead of
   * the wall clock.
   */
  static final class Generator implements WatermarkGenerator<TelemetryRecord> {
    private final long maxOutOfOrdernessMs;
    private final LongSupplier wallClockMs;
    private long maxTimestamp;

    Generator(long maxOutOfOrdernessMs, LongSupplier wallClockMs) {
      this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
      this.wallClockMs = wallClockMs;
      this.maxTimestamp = Long.MIN_VALUE + maxOutOfOrdernessMs + 1;
    }

    @Override
    public void onEvent(TelemetryRecord record, long eventTimestamp, WatermarkOutput output) {
      if (!record.hasDeadLetter()) {
        maxTimestamp = Math.max(maxTimestamp, record.timestampMs);
      }
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
      output.emitWatermark(
          new Watermark(Math.min(maxTimestamp, wallClockMs.getAsLong()) - maxOutOfOrdernessMs - 1));
    }
  }
}
