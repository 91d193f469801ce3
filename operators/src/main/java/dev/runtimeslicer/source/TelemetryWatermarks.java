package dev.runtimeslicer.source;

import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.time.Duration;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

/**
 * Event-time watermarks for telemetry: bounded out-of-orderness with source idleness, where
 * dead letters carry no time and so never move the watermark (a bogus far-future timestamp
 * must not make every later record late).
 */
public final class TelemetryWatermarks {

  private TelemetryWatermarks() {}

  /** Watermarks trailing the largest event time seen by {@code maxOutOfOrderness}. */
  public static WatermarkStrategy<TelemetryRecord> boundedOutOfOrderness(Duration maxOutOfOrderness, Duration idleness) {
    return WatermarkStrategy.<TelemetryRecord>forGenerator(context -> new Generator(maxOutOfOrderness.toMillis()))
        .withTimestampAssigner((record, previous) -> record.hasDeadLetter() ? previous : record.timestampMs)
        .withIdleness(idleness);
  }

  /** Like Flink's bounded out-of-orderness generator, but blind to dead letters. */
  static final class Generator implements WatermarkGenerator<TelemetryRecord> {
    private final long maxOutOfOrdernessMs;
    private long maxTimestamp;

    Generator(long maxOutOfOrdernessMs) {
      this.maxOutOfOrdernessMs = maxOutOfOrdernessMs;
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
      output.emitWatermark(new Watermark(maxTimestamp - maxOutOfOrdernessMs - 1));
    }
  }
}
