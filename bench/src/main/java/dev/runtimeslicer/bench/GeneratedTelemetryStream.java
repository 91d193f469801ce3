package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * The slicer benchmarks' shared pipeline: generated records of one system, keyed by system, and an
 * operator that drops them.
 */
final class GeneratedTelemetryStream {

  /** Event time of the first record, a multiple of a minute. */
  static final long START_MS = 1_700_000_000_000L;

  /** Event time advances 1 ms per record: 1,000 records/s of telemetry per system. */
  static final long STEP_MS = 1;

  private GeneratedTelemetryStream() {}

  /** {@code records} generated records with monotonous event time, keyed by system. */
  static KeyedStream<TelemetryRecord, String> bySystem(
      StreamExecutionEnvironment env, long records) {
    DataGeneratorSource<TelemetryRecord> source =
        new DataGeneratorSource<>(
            index -> BenchmarkTelemetry.record(index, START_MS, STEP_MS),
            records,
            RateLimiterStrategy.noOp(),
            TypeInformation.of(TelemetryRecord.class));
    DataStream<TelemetryRecord> telemetry =
        env.fromSource(
            source,
            WatermarkStrategy.<TelemetryRecord>forMonotonousTimestamps()
                .withTimestampAssigner((r, t) -> r.timestampMs),
            "generated telemetry");
    return telemetry.keyBy(r -> r.system, Types.STRING);
  }

  /**
   * What every pipeline shares (generating, serializing, shuffling), ending in a keyed operator
   * that does nothing.
   */
  static DataStream<RuntimeSlice> dropped(KeyedStream<TelemetryRecord, String> bySystem) {
    return bySystem
        .process(
            new KeyedProcessFunction<String, TelemetryRecord, RuntimeSlice>() {
              @Override
              public void processElement(
                  TelemetryRecord record, Context context, Collector<RuntimeSlice> out) {}
            })
        .returns(RuntimeSlice.class);
  }
}
