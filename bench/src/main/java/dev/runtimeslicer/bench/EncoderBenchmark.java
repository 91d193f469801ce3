package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.embedding.EncoderDimensions;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.NameEncoding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.training.EncoderWeights;
import dev.runtimeslicer.training.OnnxEncoderExport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Slices per second through the slice encoder on one thread (ONNX Runtime with one intra- and one
 * inter-op thread, as {@link SliceEncoder} runs it), at batch {@value #BATCH} with {@value
 * #SERVICES} services per slice and the default schema and dimensions: (a) {@code embed},
 * featurization and inference from slices to embeddings, (b) {@code featurizeOnly} and (c) {@code
 * encodeOnly}, the two halves on their own. Weights are random: the graph's cost does not depend on
 * their values. The target is (a) >= 5,000 slices/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EncoderBenchmark {

  static final int BATCH = 64;
  static final int SERVICES = 50;
  private static final int METRIC_SERIES = 18;
  private static final int OPERATIONS = 4;
  private static final int CALLEES = 3;
  private static final int TEMPLATES = 6;

  /** Hidden width of the token encoders: the default, or another to price a larger encoder. */
  @Param({"64"})
  public int hidden;

  /**
   * How names enter the features: hashed, or by meaning (each distinct name embedded once in
   * set-up, then read from the featurizer's memo).
   */
  @Param({"HASHED", "EMBEDDED"})
  public String names;

  private Path bundle;
  private SliceEncoder encoder;
  private List<RuntimeSlice> slices;
  private FeatureBatch featurized;

  @Setup
  public void setUp() throws IOException {
    FeatureSchema schema = FeatureSchema.defaults().withNames(NameEncoding.valueOf(names));
    EncoderDimensions dimensions =
        new EncoderDimensions(hidden, EncoderDimensions.DEFAULT_EMBEDDING);
    bundle = Files.createTempDirectory("encoder-bench");
    ModelBundle.write(
        bundle,
        OnnxEncoderExport.export(
            EncoderWeights.initialize(schema, dimensions, 1), schema, dimensions),
        schema,
        FeatureNormalization.identity(schema),
        dimensions,
        Map.of());
    encoder = SliceEncoder.open(bundle);
    slices = slices(new SplittableRandom(1));
    featurized = encoder.featurizer().featurize(slices);
  }

  @TearDown
  public void tearDown() throws IOException {
    encoder.close();
    try (var files = Files.list(bundle)) {
      for (Path file : files.toList()) {
        Files.delete(file);
      }
    }
    Files.delete(bundle);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object embed() {
    return encoder.embed(slices);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object featurizeOnly() {
    return encoder.featurizer().featurize(slices);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public Object encodeOnly() {
    return encoder.encode(featurized);
  }

  /** Slices shaped like a large system's: every service with metrics, traces and logs. */
  static List<RuntimeSlice> slices(SplittableRandom random) {
    List<RuntimeSlice> slices = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      RuntimeSlice slice = new RuntimeSlice();
      slice.system = "bench";
      slice.windowStartMs = i * 10_000L;
      slice.windowEndMs = slice.windowStartMs + 60_000L;
      // Zero-padded, so services are in name order as the slicer emits them
      // (RuntimeSlice#services): out of order, the featurizer would sort a copy of every slice,
      // which the job never does.
      for (int s = 0; s < SERVICES; s++) {
        slice.services.add(
            service(String.format(java.util.Locale.ROOT, "service-%03d", s), random));
      }
      slices.add(slice);
    }
    return slices;
  }

  private static ServiceSlice service(String name, SplittableRandom random) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    service.instances.add(name + "-0");
    for (int m = 0; m < METRIC_SERIES; m++) {
      MetricFeatures metric = new MetricFeatures();
      metric.mean = random.nextDouble(0, 1000);
      metric.min = metric.mean * 0.9;
      metric.max = metric.mean * 1.1;
      metric.last = metric.mean;
      metric.count = 6;
      service.metrics.put("metric.series." + m, metric);
    }
    long requests = 1 + random.nextInt(500);
    service.traces.requests = requests;
    service.traces.spans = 2 * requests;
    service.traces.errors = random.nextInt(3);
    service.traces.latencyP50Ms = random.nextDouble(1, 10);
    service.traces.latencyP90Ms = service.traces.latencyP50Ms * 3;
    service.traces.latencyP99Ms = service.traces.latencyP50Ms * 8;
    for (int o = 0; o < OPERATIONS; o++) {
      OperationFeatures operation = new OperationFeatures();
      operation.count = requests / OPERATIONS + 1;
      operation.meanMs = random.nextDouble(1, 20);
      operation.maxMs = operation.meanMs * 5;
      service.traces.operations.put("GET /op/" + o, operation);
    }
    for (int c = 0; c < CALLEES; c++) {
      CallFeatures call = new CallFeatures();
      call.calls = requests;
      service.traces.callees.put("callee-" + c, call);
    }
    for (int t = 0; t < TEMPLATES; t++) {
      long count = 1 + random.nextInt(20);
      service.logs.templates.put("template <*> number " + t, count);
      service.logs.total += count;
    }
    service.logs.severities.put("INFO", service.logs.total);
    return service;
  }
}
