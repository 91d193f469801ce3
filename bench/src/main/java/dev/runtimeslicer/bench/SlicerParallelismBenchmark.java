package dev.runtimeslicer.bench;

import dev.runtimeslicer.jobs.SliceJobOptions;
import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.slice.AbstractPaneSliceFunction;
import dev.runtimeslicer.operators.slice.PanePreAggregator;
import dev.runtimeslicer.operators.slice.PaneSliceOperator;
import dev.runtimeslicer.operators.slice.PartialPaneTypeInfo;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;

/**
 * End-to-end harness: records/s of slicing one large system (300 services) at parallelism 1 and 2
 * on a local MiniCluster, with records pre-aggregated where they are generated ({@link
 * PanePreAggregator}, chained to the source) and without (every record shuffled to the system's one
 * slicer subtask), measured in one run. Usage: {@code java -cp bench/target/benchmarks.jar
 * dev.runtimeslicer.bench.SlicerParallelismBenchmark [records [pipeline]]} (with a pipeline, only
 * that one runs, once).
 */
public final class SlicerParallelismBenchmark {

  private static final long DEFAULT_RECORDS = 8_000_000;
  private static final int ROUNDS = 5;
  private static final int SERVICES = 300;
  private static final String[] SERVICE_NAMES = new String[SERVICES];

  /**
   * 100 records per millisecond of event time (100,000/s, about 330/s per service): a system whose
   * live load needs more than one core to slice, the case pre-aggregation is for. At this rate a
   * run's windows close about as often per record as they would live.
   */
  private static final int RECORDS_PER_MS = 100;

  private static final SliceSettings SETTINGS = SliceSettings.defaults();

  /**
   * A minute of out-of-orderness (6 M records): the generating subtasks run freely and one may run
   * seconds ahead of the other.
   */
  private static final EventTimeSettings EVENT_TIME =
      new EventTimeSettings(60_000, 60_000, Long.MAX_VALUE);

  /** The job's defaults. */
  private static final Duration FLUSH_INTERVAL =
      SliceJobOptions.PRE_AGGREGATION_INTERVAL.defaultValue();

  private static final int FLUSH_RECORDS =
      SliceJobOptions.PRE_AGGREGATION_MAX_RECORDS.defaultValue();

  /**
   * Late dead letters of the last run (the MiniCluster runs in this JVM); none means no record was
   * late.
   */
  private static final AtomicLong LATE = new AtomicLong();

  static {
    for (int s = 0; s < SERVICES; s++) {
      SERVICE_NAMES[s] = "service-" + s;
    }
  }

  private SlicerParallelismBenchmark() {}

  /** The pipelines compared. */
  enum Pipeline {
    SHUFFLED_P1(false, 1),
    SHUFFLED_P2(false, 2),
    PRE_AGGREGATED_P1(true, 1),
    PRE_AGGREGATED_P2(true, 2);

    final boolean preAggregated;
    final int parallelism;

    Pipeline(boolean preAggregated, int parallelism) {
      this.preAggregated = preAggregated;
      this.parallelism = parallelism;
    }
  }

  public static void main(String[] args) throws Exception {
    long records = args.length > 0 ? Long.parseLong(args[0]) : DEFAULT_RECORDS;
    if (args.length > 1) { // one pipeline alone, e.g. to watch its threads
      Pipeline pipeline = Pipeline.valueOf(args[1]);
      System.out.printf(Locale.ROOT, "%s: %.0f records/s%n", pipeline, run(pipeline, records));
      return;
    }
    for (Pipeline pipeline : Pipeline.values()) {
      run(pipeline, records / 10); // warm-up
    }
    // interleaved rounds, median per pipeline: the machines here are shared and noisy
    double[][] rates = new double[Pipeline.values().length][ROUNDS];
    long late = 0;
    for (int round = 0; round < ROUNDS; round++) {
      for (Pipeline pipeline : Pipeline.values()) {
        rates[pipeline.ordinal()][round] = run(pipeline, records);
        late += LATE.get();
      }
    }
    for (Pipeline pipeline : Pipeline.values()) {
      System.out.printf(
          Locale.ROOT,
          "%s: %.0f records/s (rounds %s)%n",
          pipeline,
          median(rates[pipeline.ordinal()]),
          Arrays.toString(
              Arrays.stream(rates[pipeline.ordinal()]).mapToLong(Math::round).toArray()));
    }
    System.out.printf(
        Locale.ROOT,
        "pre-aggregated p2/p1: %.2f%nshuffled p2/p1: %.2f%npre-aggregated/shuffled at p1: %.2f%n"
            + "late dead letters in all measured runs: %d%n",
        median(rates[Pipeline.PRE_AGGREGATED_P2.ordinal()])
            / median(rates[Pipeline.PRE_AGGREGATED_P1.ordinal()]),
        median(rates[Pipeline.SHUFFLED_P2.ordinal()])
            / median(rates[Pipeline.SHUFFLED_P1.ordinal()]),
        median(rates[Pipeline.PRE_AGGREGATED_P1.ordinal()])
            / median(rates[Pipeline.SHUFFLED_P1.ordinal()]),
        late);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  /**
   * The record of one system of {@link #SERVICES} services for sequence number {@code index}. The
   * generator hands each of {@code parallelism} subtasks one contiguous range of numbers; event
   * time interleaves them instead, so the subtasks read the same stretch of time together, as
   * consumers of one topic's partitions do.
   */
  static final class InterleavedTelemetry implements GeneratorFunction<Long, TelemetryRecord> {
    private static final long serialVersionUID = 1L;
    private final long perSubtask;
    private final int parallelism;

    InterleavedTelemetry(long records, int parallelism) {
      this.perSubtask = records / parallelism;
      this.parallelism = parallelism;
    }

    @Override
    public TelemetryRecord map(Long index) {
      long eventIndex = (index % perSubtask) * parallelism + index / perSubtask;
      TelemetryRecord record =
          BenchmarkTelemetry.record(
              eventIndex, GeneratedTelemetryStream.START_MS * RECORDS_PER_MS, 1);
      record.timestampMs /= RECORDS_PER_MS;
      record.service = SERVICE_NAMES[(int) (eventIndex % SERVICES)];
      return record;
    }
  }

  /** Records per second of one pipeline over {@code records} generated records. */
  static double run(Pipeline pipeline, long records) throws Exception {
    StreamExecutionEnvironment env =
        StreamExecutionEnvironment.getExecutionEnvironment(new Configuration());
    env.setParallelism(pipeline.parallelism);
    long generated = records / pipeline.parallelism * pipeline.parallelism;
    DataGeneratorSource<TelemetryRecord> source =
        new DataGeneratorSource<>(
            new InterleavedTelemetry(generated, pipeline.parallelism),
            generated,
            RateLimiterStrategy.noOp(),
            TypeInformation.of(TelemetryRecord.class));
    DataStream<TelemetryRecord> telemetry =
        env.fromSource(source, WatermarkStrategy.noWatermarks(), "generated telemetry");
    SingleOutputStreamOperator<RuntimeSlice> slices;
    if (pipeline.preAggregated) {
      slices =
          telemetry
              .transform(
                  "pre-aggregate panes",
                  PartialPaneTypeInfo.INSTANCE,
                  new PanePreAggregator(SETTINGS, EVENT_TIME, FLUSH_INTERVAL, FLUSH_RECORDS))
              .keyBy(part -> part.system, Types.STRING)
              .transform(
                  "slicer",
                  TypeInformation.of(RuntimeSlice.class),
                  PaneSliceOperator.forPartials(SETTINGS, EVENT_TIME, Duration.ofDays(7)));
    } else {
      slices =
          telemetry
              .keyBy(record -> record.system, Types.STRING)
              .transform(
                  "slicer",
                  TypeInformation.of(RuntimeSlice.class),
                  PaneSliceOperator.forRecords(SETTINGS, EVENT_TIME, Duration.ofDays(7)));
    }
    slices.sinkTo(new DiscardingSink<>());
    LATE.set(0);
    slices
        .getSideOutput(AbstractPaneSliceFunction.LATE)
        .map(letter -> LATE.incrementAndGet())
        .sinkTo(new DiscardingSink<>());
    long started = System.nanoTime();
    env.execute(pipeline.name());
    return generated / ((System.nanoTime() - started) / 1e9);
  }
}
