package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.slice.LogMessageNormalizer;
import dev.runtimeslicer.model.slice.LogTemplateMiner;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.slice.SystemPane;
import dev.runtimeslicer.model.source.DecoderSettings;
import dev.runtimeslicer.model.source.OtlpDecoder;
import dev.runtimeslicer.model.source.OtlpEncoding;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.SourcePosition;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Records per second on one thread of (a) OTLP protobuf decoding alone and (b) decoding, flattening
 * and pane aggregation together, on the same batches (spans, metric points and log records in
 * Collector-sized batches). The target is b/a >= 0.5.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DecodeBenchmark {

  static final int TRACE_BATCHES = 20;
  static final int METRIC_BATCHES = 20;
  static final int LOG_BATCHES = 10;

  /** Items in one invocation: every batch once. */
  static final int RECORDS =
      TRACE_BATCHES * BenchmarkTelemetry.SPANS_PER_BATCH
          + METRIC_BATCHES * BenchmarkTelemetry.METRICS_PER_BATCH
          + LOG_BATCHES * BenchmarkTelemetry.LOGS_PER_BATCH;

  private static final long START_MS = 1_700_000_000_000L;
  private static final SourcePosition POSITION = new SourcePosition("bench", 0, 0);

  private byte[][] traces;
  private byte[][] metrics;
  private byte[][] logs;
  private OtlpDecoder decoder;
  private SliceSettings settings;
  private Map<Long, SystemPane> panes;
  private Map<String, LogTemplateMiner> miners;
  private LogMessageNormalizer normalizer;

  @Setup
  public void setUp() {
    SplittableRandom random = new SplittableRandom(42);
    traces = new byte[TRACE_BATCHES][];
    metrics = new byte[METRIC_BATCHES][];
    logs = new byte[LOG_BATCHES][];
    for (int i = 0; i < TRACE_BATCHES; i++) {
      traces[i] = BenchmarkTelemetry.spanBatch(i, START_MS + i * 1_000L, random).toByteArray();
    }
    for (int i = 0; i < METRIC_BATCHES; i++) {
      metrics[i] = BenchmarkTelemetry.metricBatch(i, START_MS + i * 1_000L, random).toByteArray();
    }
    for (int i = 0; i < LOG_BATCHES; i++) {
      logs[i] = BenchmarkTelemetry.logBatch(i, START_MS + i * 1_000L, random).toByteArray();
    }
    decoder =
        new OtlpDecoder(
            DecoderSettings.defaults(),
            InstantSource.fixed(Instant.ofEpochMilli(START_MS + 60_000)));
    settings = SliceSettings.defaults();
    panes = new HashMap<>();
    miners = new HashMap<>();
    normalizer = new LogMessageNormalizer(64);
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void protobufDecodeOnly(Blackhole blackhole) throws Exception {
    for (byte[] batch : traces) {
      blackhole.consume(ExportTraceServiceRequest.parseFrom(batch));
    }
    for (byte[] batch : metrics) {
      blackhole.consume(ExportMetricsServiceRequest.parseFrom(batch));
    }
    for (byte[] batch : logs) {
      blackhole.consume(ExportLogsServiceRequest.parseFrom(batch));
    }
  }

  @Benchmark
  @OperationsPerInvocation(RECORDS)
  public void decodeFlattenAndAggregate(Blackhole blackhole) {
    panes.clear(); // each invocation aggregates the same stretch of time afresh
    Consumer<TelemetryRecord> aggregate = this::aggregate;
    for (byte[] batch : traces) {
      decoder.decode(Signal.SPAN, OtlpEncoding.OTLP_PROTO, batch, POSITION, aggregate);
    }
    for (byte[] batch : metrics) {
      decoder.decode(Signal.METRIC, OtlpEncoding.OTLP_PROTO, batch, POSITION, aggregate);
    }
    for (byte[] batch : logs) {
      decoder.decode(Signal.LOG, OtlpEncoding.OTLP_PROTO, batch, POSITION, aggregate);
    }
    blackhole.consume(panes.size());
  }

  private void aggregate(TelemetryRecord record) {
    SystemPane pane =
        panes.computeIfAbsent(settings.paneStart(record.timestampMs), p -> new SystemPane());
    // as the slicer does: a record the pane already took is skipped before mining
    if (pane.isDuplicate(record, settings, bound -> {})) {
      return;
    }
    int template = LogTemplateMiner.OVERFLOW;
    if (record.signal == Signal.LOG) {
      template =
          miners
              .computeIfAbsent(
                  record.service, s -> new LogTemplateMiner(settings.maxTemplatesPerService()))
              .match(normalizer.tokens(record.log.body));
    }
    pane.add(record, template, settings, bound -> {});
  }
}
