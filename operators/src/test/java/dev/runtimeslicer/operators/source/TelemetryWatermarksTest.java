package dev.runtimeslicer.operators.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

class TelemetryWatermarksTest {

  private final List<Long> emitted = new ArrayList<>();
  private final WatermarkOutput output =
      new WatermarkOutput() {
        @Override
        public void emitWatermark(Watermark watermark) {
          emitted.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {}

        @Override
        public void markActive() {}
      };

  @Test
  void trailsTheNewestEventTimeAndIgnoresDeadLetters() {
    TelemetryWatermarks.Generator generator =
        new TelemetryWatermarks.Generator(5_000, () -> 1_000_000);
    TelemetryRecord record = TelemetryRecord.of(Signal.METRIC, "shop", "cart", "", 100_000);
    TelemetryRecord older = TelemetryRecord.of(Signal.METRIC, "shop", "cart", "", 90_000);
    TelemetryRecord letter =
        TelemetryRecord.rejected(
            new DeadLetter(
                new SourcePosition("t", 0, 0), "future_timestamp", "x", "otlp_proto", new byte[0]));
    letter.timestampMs = Long.MAX_VALUE / 2;

    generator.onEvent(record, record.timestampMs, output);
    generator.onEvent(older, older.timestampMs, output);
    generator.onEvent(letter, letter.timestampMs, output);
    generator.onPeriodicEmit(output);

    assertThat(emitted).containsExactly(100_000L - 5_000 - 1);
  }

  @Test
  void neverPassesTheWallClockSoAFastHostDoesNotLookAhead() {
    long[] now = {100_000};
    TelemetryWatermarks.Generator generator =
        new TelemetryWatermarks.Generator(5_000, () -> now[0]);
    TelemetryRecord fromTheFuture =
        TelemetryRecord.of(Signal.SPAN, "bank", "ledger", "", 400_000); // 5 minutes fast

    generator.onEvent(fromTheFuture, fromTheFuture.timestampMs, output);
    generator.onPeriodicEmit(output);
    now[0] = 160_000;
    generator.onPeriodicEmit(output);

    assertThat(emitted).containsExactly(94_999L, 154_999L);
  }

  @Test
  void readsTheSignalOfACollectorFileLine() {
    assertThat(OtlpLineDecoder.signalOf("{\"resourceSpans\":[]}")).isEqualTo(Signal.SPAN);
    assertThat(OtlpLineDecoder.signalOf("{ \"resourceMetrics\": []}")).isEqualTo(Signal.METRIC);
    assertThat(OtlpLineDecoder.signalOf("{\"resourceLogs\":[]}")).isEqualTo(Signal.LOG);
    assertThat(OtlpLineDecoder.signalOf("{\"system\":\"shop\",\"id\":\"f1\"}")).isNull();
  }
}
