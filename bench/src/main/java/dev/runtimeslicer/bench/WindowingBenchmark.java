package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.slice.SystemPane;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.slice.PaneSliceOperator;
import java.time.Duration;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.SlidingEventTimeWindows;

/**
 * End-to-end harness: records/s of the pane-based slicer against Flink's SlidingEventTimeWindows
 * doing the same aggregation, both on a local MiniCluster at parallelism 1, W = 60 s and S = 10 s
 * (W/S = 6), measured in one run. A third run with a keyed operator that does nothing measures what
 * both share (generating, serializing and shuffling records), so the windowing cost itself can be
 * compared too. Usage: {@code java -cp bench/target/benchmarks.jar
 * dev.runtimeslicer.bench.WindowingBenchmark [records]}.
 */
public final class WindowingBenchmark {

  private static final long DEFAULT_RECORDS = 3_000_000;
  private static final int ROUNDS = 3;
  private static final SliceSettings SETTINGS = SliceSettings.defaults();

  private WindowingBenchmark() {}

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_RECORDS;
    for (Pipeline pipeline : Pipeline.values()) {
      run(pipeline, records / 10); // warm-up
    }
    // interleaved rounds, median per pipeline: the machines here are shared and noisy
    double[][] rates = new double[Pipeline.values().length][ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      for (Pipeline pipeline : Pipeline.values()) {
        rates[pipeline.ordinal()][round] = run(pipeline, records);
      }
    }
    double shared = median(rates[Pipeline.SHARED_COST_ONLY.ordinal()]);
    double panes = median(rates[Pipeline.PANES.ordinal()]);
    double sliding = median(rates[Pipeline.SLIDING_WINDOWS.ordinal()]);
    // seconds per record spent in the windowing operator alone
    double paneCost = 1 / panes - 1 / shared;
    double slidingCost = 1 / sliding - 1 / shared;
    System.out.printf(
        Locale.ROOT,
        "source+shuffle only: %.0f records/s%npane-based: %.0f records/s%nsliding windows: %.0f"
            + " records/s%nend-to-end ratio pane/sliding: %.2f%nwindowing-operator cost ratio"
            + " sliding/pane: %.2f%n",
        shared,
        panes,
        sliding,
        panes / sliding,
        slidingCost / paneCost);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** The pipelines compared. */
  enum Pipeline {
    SHARED_COST_ONLY,
    PANES,
    SLIDING_WINDOWS
  }

  /** Records per second of one pipeline over {@code records} generated records. */
  static double run(Pipeline pipeline, long records) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    KeyedStream<TelemetryRecord, String> bySystem = GeneratedTelemetryStream.bySystem(env, records);
    DataStream<RuntimeSlice> slices;
    if (pipeline == Pipeline.SHARED_COST_ONLY) {
      slices = GeneratedTelemetryStream.dropped(bySystem);
    } else if (pipeline == Pipeline.SLIDING_WINDOWS) {
      slices =
          bySystem
              .window(
                  SlidingEventTimeWindows.of(
                      Duration.ofMillis(SETTINGS.windowSizeMs()),
                      Duration.ofMillis(SETTINGS.slideMs())))
              .aggregate(
                  new SlidingWindowSlicer.Aggregate(SETTINGS),
                  new SlidingWindowSlicer.Assemble(SETTINGS),
                  TypeInformation.of(SystemPane.class),
                  TypeInformation.of(SystemPane.class),
                  TypeInformation.of(RuntimeSlice.class));
    } else {
      slices =
          bySystem.transform(
              "pane slicer",
              TypeInformation.of(RuntimeSlice.class),
              PaneSliceOperator.forRecords(
                  SETTINGS, EventTimeSettings.defaults(), Duration.ofDays(7)));
    }
    slices.sinkTo(new DiscardingSink<>());
    long started = System.nanoTime();
    env.execute(pipeline.name());
    return records / ((System.nanoTime() - started) / 1e9);
  }
}
