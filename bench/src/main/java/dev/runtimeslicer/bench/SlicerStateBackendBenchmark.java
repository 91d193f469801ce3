package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.slice.PaneSliceOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.KeyedStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * End-to-end harness: records/s of the stream slicer ({@link PaneSliceOperator}) with its keyed
 * state on the heap and in RocksDB, on a local MiniCluster at parallelism 1, checkpointing every
 * second (RocksDB incrementally), measured in one run. A keyed operator that does nothing, with the
 * same checkpoints, measures what every pipeline shares (generating, serializing, shuffling), so
 * the slicer's own cost on each backend can be compared too. Usage: {@code java -cp
 * bench/target/benchmarks.jar dev.runtimeslicer.bench.SlicerStateBackendBenchmark [records]}.
 */
public final class SlicerStateBackendBenchmark {

  private static final long DEFAULT_RECORDS = 3_000_000;
  private static final int ROUNDS = 3;
  private static final Duration CHECKPOINT_INTERVAL = Duration.ofSeconds(1);
  private static final SliceSettings SETTINGS = SliceSettings.defaults();

  private SlicerStateBackendBenchmark() {}

  /** The pipelines compared. */
  enum Pipeline {
    SHARED_COST_ONLY("hashmap"),
    SLICER_ON_HEAP("hashmap"),
    SLICER_ON_ROCKSDB("rocksdb");

    final String backend;

    Pipeline(String backend) {
      this.backend = backend;
    }
  }

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_RECORDS;
    Path checkpoints = Files.createTempDirectory("slicer-backend-bench");
    for (Pipeline pipeline : Pipeline.values()) {
      run(pipeline, records / 10, checkpoints); // warm-up
    }
    // interleaved rounds, median per pipeline: the machines here are shared and noisy
    double[][] rates = new double[Pipeline.values().length][ROUNDS];
    for (int round = 0; round < ROUNDS; round++) {
      for (Pipeline pipeline : Pipeline.values()) {
        rates[pipeline.ordinal()][round] = run(pipeline, records, checkpoints);
      }
    }
    double shared = median(rates[Pipeline.SHARED_COST_ONLY.ordinal()]);
    double heap = median(rates[Pipeline.SLICER_ON_HEAP.ordinal()]);
    double rocksDb = median(rates[Pipeline.SLICER_ON_ROCKSDB.ordinal()]);
    System.out.printf(
        Locale.ROOT,
        "source+shuffle+checkpoints only: %.0f records/s%nslicer on heap: %.0f records/s%nslicer on"
            + " RocksDB: %.0f records/s%nend-to-end ratio RocksDB/heap: %.2f%nslicer-operator cost"
            + " ratio RocksDB/heap: %.2f%n",
        shared,
        heap,
        rocksDb,
        rocksDb / heap,
        (1 / rocksDb - 1 / shared) / (1 / heap - 1 / shared));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /** Records per second of one pipeline over {@code records} generated records. */
  static double run(Pipeline pipeline, long records, Path checkpoints) throws Exception {
    Configuration conf = new Configuration();
    conf.set(StateBackendOptions.STATE_BACKEND, pipeline.backend);
    conf.set(CheckpointingOptions.CHECKPOINTING_INTERVAL, CHECKPOINT_INTERVAL);
    conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
    conf.set(
        CheckpointingOptions.CHECKPOINTS_DIRECTORY,
        checkpoints.resolve(pipeline.name()).toUri().toString());
    conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, pipeline.backend.equals("rocksdb"));
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
    env.setParallelism(1);
    KeyedStream<TelemetryRecord, String> bySystem = GeneratedTelemetryStream.bySystem(env, records);
    DataStream<RuntimeSlice> slices;
    if (pipeline == Pipeline.SHARED_COST_ONLY) {
      slices = GeneratedTelemetryStream.dropped(bySystem);
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
