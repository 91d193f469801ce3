package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.PretrainedBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.task.StateAwareHeads;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long a fresh JVM takes from nothing to a first embedding with the pretrained bundle in the
 * jar: extracting it from the class path, checking its checksums, reading its heads, opening ONNX
 * Runtime on its encoder and embedding one slice. Each fork is a cold JVM measured once, as a
 * TaskManager starting the job is. The target is under 2 s.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Fork(5)
public class PretrainedBundleLoadBenchmark {

  @Benchmark
  public float coldLoadToFirstEmbedding() {
    Path directory = PretrainedBundle.extract();
    ModelBundle bundle = ModelBundle.load(directory);
    StateAwareHeads heads = StateAwareHeads.load(bundle);
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      SliceEmbedding embedding = encoder.embed(oneServiceSlice());
      return embedding.embedding()[0] + heads.states().count();
    }
  }

  private static RuntimeSlice oneServiceSlice() {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "bench";
    slice.windowStartMs = 0;
    slice.windowEndMs = 60_000;
    ServiceSlice service = new ServiceSlice();
    service.service = "checkout";
    slice.services.add(service);
    return slice;
  }
}
