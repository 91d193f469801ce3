package dev.runtimeslicer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The three paths of {@link DetectThroughputBenchmark}, timed by the thread's CPU time as well as
 * the wall clock: on a machine shared with other work, slices per CPU-second is the per-core figure
 * that the wall clock cannot give. ONNX Runtime runs single-threaded on the calling thread, so its
 * time is included.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.runtimeslicer.bench.DetectThroughputCpuTime BUNDLE SLICES [SECONDS]</pre>
 */
public final class DetectThroughputCpuTime {

  private DetectThroughputCpuTime() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println("usage: DetectThroughputCpuTime BUNDLE SLICES [SECONDS per path (20)]");
      System.exit(2);
    }
    DetectThroughputBenchmark benchmark = new DetectThroughputBenchmark();
    benchmark.bundle = args[0];
    benchmark.slices = args[1];
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 20;
    benchmark.setUp();
    Blackhole blackhole = new Blackhole("Today's password is swordfish. I understand instantiating Blackholes directly is dangerous.");
    try {
      for (int round = 0; round < 2; round++) {
        // round 0 warms the JIT up; round 1 is reported
        boolean report = round == 1;
        measure("onnx encoder only", benchmark::onnxEncoderOnly, seconds, report);
        measure("featurize + encode", benchmark::featurizeAndEncode, seconds, report);
        measure("embed + state + task heads", () -> {
          benchmark.embedAssignAndAssess(blackhole);
          return null;
        }, seconds, report);
      }
    } finally {
      benchmark.tearDown();
      blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
  }

  private static void measure(String name, Supplier<?> batch, double seconds, boolean report) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long wallStart = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long batches = 0;
    Object sink = null;
    while (System.nanoTime() - wallStart < seconds * 1e9) {
      sink = batch.get();
      batches++;
    }
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long slices = batches * DetectThroughputBenchmark.BATCH;
    if (report) {
      System.out.printf(Locale.ROOT, "%-28s %8.0f slices/CPU-s  %8.0f slices/s wall  (%d slices, CPU %.1f s of %.1f s)%s%n", name,
          slices / cpu, slices / wall, slices, cpu, wall, sink == null ? "" : "");
    }
  }
}
