package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.embedding.NameEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Names with meaning on one thread: (a) a name never seen, through the tokenizer and
 * all-MiniLM-L6-v2, as each new service, series or template costs once; (b) a name already
 * embedded, as every later window asks for it; and cold opening of the model, as a TaskManager
 * starts.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class NameEmbedderBenchmark {

  /** Series names of the kinds telemetry carries, made distinct by a counter. */
  private static final String[] STEMS = {
    "container_cpu_usage_seconds_total",
    "k8s.pod.memory.working_set",
    "http.server.request.duration",
    "failed to connect to <*> after <*> ms",
    "jvm_gc_pause_seconds_count"
  };

  private NameEmbedder names;
  private List<String> known;
  private long next;
  private int at;

  @Setup(Level.Trial)
  public void open() {
    names = NameEmbedder.open(1_000_000);
    known = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      known.add(STEMS[i % STEMS.length] + "_" + i);
    }
    names.embed(known);
  }

  @TearDown(Level.Trial)
  public void close() {
    names.close();
  }

  /** (a) A name never seen before. */
  @Benchmark
  public float newName() {
    long n = next++;
    return names.embed(STEMS[(int) (n % STEMS.length)] + " new " + n)[0];
  }

  /** (b) A name already embedded. */
  @Benchmark
  public float knownName() {
    at = (at + 1) % known.size();
    return names.embed(known.get(at))[0];
  }

  /** Cold: opening the model and tokenizer from the class path in a fresh JVM, one name. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 0)
  @Measurement(iterations = 1)
  @Fork(3)
  public float coldOpen() {
    try (NameEmbedder fresh = NameEmbedder.open(16)) {
      return fresh.embed("cpu")[0];
    }
  }
}
