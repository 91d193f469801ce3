package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.embedding.EncodedBatch;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.state.RuntimeStates;
import dev.runtimeslicer.model.state.StateAssignment;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.LiveAlertTail;
import dev.runtimeslicer.model.task.LiveAlertTailSettings;
import dev.runtimeslicer.model.task.RecentScores;
import dev.runtimeslicer.model.task.RecentTraffic;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Slices per second on one thread through the detect job's per-slice work, at the job's batch of
 * 64: (a) the ONNX encoder alone on featurized batches, (b) featurization plus encoder (the
 * embedding operator), (c) embedding, runtime-state assignment and the task heads ({@link
 * FailureAnalyzer#assess}) as the detect job runs them, diagnosing anomalous windows only, (d) the
 * same diagnosing every window, as {@code evaluate} does, (e) and (f): (c) and (d) with each
 * system's recent calm traffic learned and contrasted for root causes ({@link RecentTraffic}), and
 * (g): (e) with each system's live alert tail ({@link LiveAlertTail}) holding a full day of windows
 * at the job's 10 s slide, refitted as it learns: the detect job's default. Runs on slices and a
 * tuned bundle given as parameters ({@code -p bundle=DIR -p slices=DIR}), so the slices can be a
 * realistic system's.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DetectThroughputBenchmark {

  static final int BATCH = 64;

  /** Distinct batches cycled through, so caches see many different slices. */
  static final int BATCHES = 16;

  @Param("")
  public String bundle;

  @Param("")
  public String slices;

  private SliceEncoder encoder;
  private RuntimeStates states;
  private FailureAnalyzer analyzer;
  private FailureAnalyzer everyWindow;
  private FailureAnalyzer contrasted;
  private FailureAnalyzer contrastedEveryWindow;
  private FailureAnalyzer liveTailed;

  /** The job's default slide, at which the live tails are fed: the most windows a day holds. */
  static final long TAIL_SLIDE_MS = 10_000;

  /**
   * Windows assessed by (c) and (d) since the counts were last reset, and how many were anomalous.
   */
  long windows;

  long anomalousWindows;
  private List<List<RuntimeSlice>> batches;
  private List<FeatureBatch> featurized;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    if (bundle.isEmpty() || slices.isEmpty()) {
      throw new IllegalArgumentException(
          "pass -p bundle=DIR (a tuned bundle) -p slices=DIR (slice JSON lines); see"
              + " docs/benchmarks.md");
    }
    ModelBundle loaded = ModelBundle.load(Path.of(bundle));
    StateAwareHeads heads = StateAwareHeads.load(loaded);
    encoder = SliceEncoder.open(loaded);
    states = heads.states();
    analyzer = new FailureAnalyzer(heads, FailureAnalyzer.DiagnosedWindows.ANOMALOUS);
    everyWindow = new FailureAnalyzer(heads, FailureAnalyzer.DiagnosedWindows.EVERY);
    contrasted =
        new FailureAnalyzer(
            heads, FailureAnalyzer.DiagnosedWindows.ANOMALOUS, TrafficContrastSettings.DEFAULTS);
    contrastedEveryWindow =
        new FailureAnalyzer(
            heads, FailureAnalyzer.DiagnosedWindows.EVERY, TrafficContrastSettings.DEFAULTS);
    liveTailed =
        new FailureAnalyzer(
            heads,
            FailureAnalyzer.DiagnosedWindows.ANOMALOUS,
            TrafficContrastSettings.DEFAULTS,
            LiveAlertTailSettings.DEFAULTS);
    List<RuntimeSlice> all = read(Path.of(slices));
    if (all.size() < BATCH) {
      throw new IllegalArgumentException(
          "need at least " + BATCH + " complete slices in " + slices + ", found " + all.size());
    }
    batches = new ArrayList<>();
    featurized = new ArrayList<>();
    for (int start = 0; start + BATCH <= all.size() && batches.size() < BATCHES; start += BATCH) {
      List<RuntimeSlice> batch = all.subList(start, start + BATCH);
      batches.add(batch);
      featurized.add(encoder.featurizer().featurize(batch));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    encoder.close();
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public EncodedBatch onnxEncoderOnly() {
    return encoder.encode(featurized.get(next++ % featurized.size()));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public List<SliceEmbedding> featurizeAndEncode() {
    return encoder.embed(batches.get(next++ % batches.size()));
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void embedAssignAndAssess(Blackhole blackhole) {
    assess(analyzer, blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void embedAssignAndAssessEveryWindow(Blackhole blackhole) {
    assess(everyWindow, blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void embedAssignAssessAndContrast(Blackhole blackhole) {
    assess(contrasted, blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void embedAssignAssessAndContrastEveryWindow(Blackhole blackhole) {
    assess(contrastedEveryWindow, blackhole);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public void embedAssignAssessContrastAndLiveTail(Blackhole blackhole) {
    assess(liveTailed, blackhole);
  }

  private final Map<String, LiveAlertTail> liveTails = new HashMap<>();

  /**
   * Per system the live tail's own clock: the batches start over in time, the tail's day must not.
   */
  private final Map<String, long[]> tailClocks = new HashMap<>();

  /**
   * The system's live tail, first filled with a day of calm windows: calibrated scores of normal
   * windows are uniform by construction, so uniform scores stand in for them.
   */
  private LiveAlertTail liveTail(String system) {
    return liveTails.computeIfAbsent(
        system,
        s -> {
          LiveAlertTail tail = new LiveAlertTail();
          java.util.Random random = new java.util.Random(7);
          long[] clock = tailClocks.computeIfAbsent(s, k -> new long[1]);
          long day = LiveAlertTailSettings.DEFAULTS.memoryMs() / TAIL_SLIDE_MS;
          for (long i = 0; i < day; i++) {
            double score = random.nextDouble();
            tail.observe(
                clock[0],
                clock[0] + 6 * TAIL_SLIDE_MS,
                false,
                score,
                0.999,
                liveTailed.heads().policy(),
                LiveAlertTailSettings.DEFAULTS);
            clock[0] += TAIL_SLIDE_MS;
          }
          return tail;
        });
  }

  private final Map<String, RecentScores> recentScores = new HashMap<>();
  private final Map<String, RecentTraffic> recentTraffic = new HashMap<>();

  private void assess(FailureAnalyzer heads, Blackhole blackhole) {
    if (next % batches.size() == 0) {
      // The batches start over in time: recent traffic would skip them as old, so it starts over
      // too.
      recentTraffic.clear();
    }
    List<RuntimeSlice> batch = batches.get(next++ % batches.size());
    List<SliceEmbedding> embeddings = encoder.embed(batch);
    for (int i = 0; i < batch.size(); i++) {
      SliceEmbedding embedding = embeddings.get(i);
      StateAssignment assignment = states.assign(embedding.embedding());
      // Each system's recent scores, as the job keeps them in keyed state (the smoothing's cost).
      RecentScores scores =
          recentScores.computeIfAbsent(embedding.system(), s -> new RecentScores());
      // The system's recent calm traffic, learned from calm windows as the job does, when the
      // analyzer contrasts.
      RecentTraffic traffic =
          heads == contrasted || heads == contrastedEveryWindow || heads == liveTailed
              ? recentTraffic.computeIfAbsent(embedding.system(), s -> new RecentTraffic())
              : null;
      LiveAlertTail tail = heads == liveTailed ? liveTail(embedding.system()) : null;
      SliceAssessment assessment =
          heads.assess(embedding, batch.get(i), assignment, null, scores, traffic, tail);
      if (traffic != null && !assessment.anomalous) {
        traffic.learn(batch.get(i), TrafficContrastSettings.DEFAULTS);
      }
      if (tail != null) {
        long[] clock = tailClocks.get(embedding.system());
        tail.observe(
            clock[0],
            clock[0] + 6 * TAIL_SLIDE_MS,
            false,
            assessment.anomalyScore,
            assessment.fireScore,
            heads.heads().policy(),
            LiveAlertTailSettings.DEFAULTS);
        clock[0] += TAIL_SLIDE_MS;
      }
      anomalousWindows += assessment.anomalous ? 1 : 0;
      windows++;
      blackhole.consume(assessment);
    }
  }

  /**
   * Complete (not partial) slices of every JSON-lines file under {@code directory}, in time order.
   */
  static List<RuntimeSlice> read(Path directory) {
    List<RuntimeSlice> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file :
          (Iterable<Path>)
              files
                      .filter(Files::isRegularFile)
                      .filter(p -> !p.getFileName().toString().startsWith("."))
                  ::iterator) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            RuntimeSlice slice = SliceJson.read(line);
            if (!slice.partial) {
              out.add(slice);
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read slices under " + directory, e);
    }
    out.sort(Comparator.comparingLong(s -> s.windowStartMs));
    return out;
  }
}
