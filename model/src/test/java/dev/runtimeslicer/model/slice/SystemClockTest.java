package dev.runtimeslicer.model.slice;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.telemetry.Signal;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SystemClockTest {

  private static final EventTimeSettings SETTINGS =
      new EventTimeSettings(5_000, 60_000, Long.MAX_VALUE);

  /**
   * A clock whose three signals last arrived at processing time 0 with these newest event times.
   */
  private static SystemClock clock(long metricsMs, long spansMs, long logsMs) {
    SystemClock clock = new SystemClock();
    clock.observe(Signal.METRIC, metricsMs, 0);
    clock.observe(Signal.SPAN, spansMs, 0);
    clock.observe(Signal.LOG, logsMs, 0);
    return clock;
  }

  @Test
  void whileSignalsArriveTheWatermarkTrailsTheNewestRecordUnlessASignalIsBehind() {
    // all caught up: the newest record less the out-of-orderness
    assertThat(clock(100_000, 100_000, 100_000).watermark(0, 0, SETTINGS)).isEqualTo(94_999);
    // metrics read behind the other topics: held at the metrics' newest
    assertThat(clock(40_000, 100_000, 100_000).watermark(0, 0, SETTINGS)).isEqualTo(34_999);
    // ...but a signal that last arrived 30 s ago and was 30 s behind is on schedule (metrics every
    // 30 s)
    assertThat(clock(70_000, 100_000, 100_000).watermark(30_000, 0, SETTINGS)).isEqualTo(94_999);
  }

  @Test
  void aSilentSystemsClockMovesOnWithProcessingTimeOnlyAfterTheIdleness() {
    SystemClock clock = clock(100_000, 100_000, 100_000);
    assertThat(clock.watermark(59_999, 0, SETTINGS)).isEqualTo(94_999);
    assertThat(clock.watermark(60_000, 0, SETTINGS)).isEqualTo(154_999);
    assertThat(clock.watermark(90_000, 0, SETTINGS)).isEqualTo(184_999);
    // time the job was down is not silence: it counts from when this instance started
    assertThat(clock.watermark(700_000, 680_000, SETTINGS)).isEqualTo(94_999);
  }

  @Test
  void aNewSystemWaitsForAnUnseenSignalForTheIdleness() {
    SystemClock clock = new SystemClock();
    assertThat(clock.watermark(0, 0, SETTINGS)).isEqualTo(SystemClock.NONE);
    clock.observe(Signal.METRIC, 100_000, 1_000);
    clock.observe(Signal.SPAN, 100_000, 1_000);
    assertThat(clock.watermark(60_999, 0, SETTINGS)).isEqualTo(SystemClock.NONE);
    clock.observe(Signal.METRIC, 160_000, 61_000);
    assertThat(clock.watermark(61_000, 0, SETTINGS)).isEqualTo(154_999);
  }

  @Test
  void lateMeansTheRecordsFirstWindowClosed() {
    SystemClock clock = new SystemClock();
    assertThat(clock.isLate(0, 10_000)).isFalse();
    clock.closedThroughMs = 20_000;
    assertThat(clock.isLate(10_000, 10_000)).isTrue();
    assertThat(clock.isLate(20_000, 10_000)).isFalse();
    assertThat(SystemClock.lastClosableEnd(19_998, 10_000)).isEqualTo(10_000);
    assertThat(SystemClock.lastClosableEnd(19_999, 10_000)).isEqualTo(20_000);
  }

  @Test
  void closableAtIsTheFirstProcessingTimeTheWatermarkPassesTheWindow() {
    SplittableRandom random = new SplittableRandom(7);
    for (int run = 0; run < 2_000; run++) {
      SystemClock clock = new SystemClock();
      long now = random.nextLong(0, 100_000);
      for (Signal signal : Signal.values()) {
        if (random.nextInt(4) > 0) {
          clock.observe(signal, random.nextLong(0, 200_000), now - random.nextLong(0, 90_000));
        }
      }
      if (clock.firstArrivalMs == SystemClock.NONE) {
        continue;
      }
      long countFrom = random.nextBoolean() ? 0 : now - random.nextLong(0, 50_000);
      long windowEnd = random.nextLong(0, 300_000);
      long at = clock.closableAt(windowEnd, now, countFrom, SETTINGS);
      long atOrNow = Math.max(at, now);
      assertThat(clock.watermark(atOrNow, countFrom, SETTINGS))
          .as("run %d", run)
          .isGreaterThanOrEqualTo(windowEnd - 1);
      if (at > now) {
        long before = clock.watermark(at - 1, countFrom, SETTINGS);
        assertThat(before == SystemClock.NONE || before < windowEnd - 1).as("run %d", run).isTrue();
      }
    }
  }
}
