package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.watermark.Watermark;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Passes telemetry through unchanged and notes, per window end, the wall-clock instant ({@link
 * System#nanoTime}) at which the watermark first reached it: the moment the window closes. For a
 * benchmark on a local MiniCluster only: the notes live in this JVM.
 */
public final class WatermarkProbe extends AbstractStreamOperator<TelemetryRecord>
    implements OneInputStreamOperator<TelemetryRecord, TelemetryRecord> {

  private static final long serialVersionUID = 1L;

  /** Window end (epoch ms) -> nanoTime when the watermark passed it. */
  static final Map<Long, Long> CLOSED_AT_NANOS = new ConcurrentHashMap<>();

  private final long slideMs;
  private transient long nextEnd;

  public WatermarkProbe(long slideMs) {
    this.slideMs = slideMs;
  }

  @Override
  public void open() throws Exception {
    super.open();
    nextEnd = Long.MIN_VALUE;
  }

  @Override
  public void processElement(StreamRecord<TelemetryRecord> element) {
    output.collect(element);
  }

  @Override
  public void processWatermark(Watermark mark) throws Exception {
    long now = System.nanoTime();
    long watermark = mark.getTimestamp();
    if (watermark != Long.MAX_VALUE && watermark > Long.MIN_VALUE) {
      if (nextEnd == Long.MIN_VALUE) {
        nextEnd = Math.floorDiv(watermark + 1, slideMs) * slideMs;
      }
      // A window [start, end) fires once the watermark reaches end - 1 (its timer).
      while (nextEnd - 1 <= watermark) {
        CLOSED_AT_NANOS.putIfAbsent(nextEnd, now);
        nextEnd += slideMs;
      }
    }
    super.processWatermark(mark);
  }
}
