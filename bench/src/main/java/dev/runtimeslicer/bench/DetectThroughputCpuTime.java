package dev.runtimeslicer.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The paths of {@link DetectThroughputBenchmark}, timed by the thread's CPU time as well as the
 * wall clock: on a machine shared with other work, slices per CPU-second is the per-core figure
 * that the wall clock cannot give. ONNX Runtime runs single-threaded on the calling thread, so its
 * time is included. The paths take turns for several rounds and each is reported as its median
 * round, and as the median of its ratio to the encoder alone in the same round: the machine's speed
 * drifts within minutes, and a ratio of neighbouring measurements drifts far less.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.runtimeslicer.bench.DetectThroughputCpuTime BUNDLE SLICES [SECONDS per
 *   path and round (5)] [ROUNDS (5)]
 * </pre>
 */
public final class DetectThroughputCpuTime {

  private DetectThroughputCpuTime() {}

  public static void main(String[] args) {
    if (args.length < 2) {
      System.err.println(
          "usage: DetectThroughputCpuTime BUNDLE SLICES [SECONDS per path and round (5)] [ROUNDS"
              + " (5)]");
      System.exit(2);
    }
    DetectThroughputBenchmark benchmark = new DetectThroughputBenchmark();
    benchmark.bundle = args[0];
    benchmark.slices = args[1];
    double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    benchmark.setUp();
    Blackhole blackhole =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    Map<String, Supplier<?>> paths = new LinkedHashMap<>();
    paths.put("(a) onnx encoder only", benchmark::onnxEncoderOnly);
    paths.put("(b) featurize + encode", benchmark::featurizeAndEncode);
    paths.put(
        "(c) embed + state + heads",
        () -> {
          benchmark.embedAssignAndAssess(blackhole);
          return null;
        });
    paths.put(
        "(d) (c) diagnosing every window",
        () -> {
          benchmark.embedAssignAndAssessEveryWindow(blackhole);
          return null;
        });
    paths.put(
        "(e) (c) + traffic contrast",
        () -> {
          benchmark.embedAssignAssessAndContrast(blackhole);
          return null;
        });
    paths.put(
        "(f) (d) + traffic contrast",
        () -> {
          benchmark.embedAssignAssessAndContrastEveryWindow(blackhole);
          return null;
        });
    paths.put(
        "(g) (e) + live alert tail",
        () -> {
          benchmark.embedAssignAssessContrastAndLiveTail(blackhole);
          return null;
        });
    Map<String, List<Double>> perCpuSecond = new LinkedHashMap<>();
    Map<String, List<Double>> perWallSecond = new LinkedHashMap<>();
    Map<String, List<Double>> toEncoder = new LinkedHashMap<>();
    try {
      // Round 0 warms the JIT up and is not reported.
      for (int round = 0; round <= rounds; round++) {
        double encoder = Double.NaN;
        for (Map.Entry<String, Supplier<?>> path : paths.entrySet()) {
          double[] rates = measure(path.getValue(), seconds);
          if (round == 0) {
            continue;
          }
          if (Double.isNaN(encoder)) {
            encoder = rates[0];
          }
          perCpuSecond.computeIfAbsent(path.getKey(), k -> new ArrayList<>()).add(rates[0]);
          perWallSecond.computeIfAbsent(path.getKey(), k -> new ArrayList<>()).add(rates[1]);
          toEncoder.computeIfAbsent(path.getKey(), k -> new ArrayList<>()).add(rates[0] / encoder);
        }
      }
    } finally {
      benchmark.tearDown();
      blackhole.evaporate("Yes, I am Stephen Hawking, and know a thing or two about black holes.");
    }
    System.out.printf(
        Locale.ROOT,
        "%d rounds of %.0f s per path; medians (min-max over rounds)%n",
        rounds,
        seconds);
    for (String path : paths.keySet()) {
      List<Double> cpu = perCpuSecond.get(path);
      System.out.printf(
          Locale.ROOT,
          "%-34s %6.0f slices/CPU-s (%.0f-%.0f)  %6.0f slices/s wall  ratio to (a) %.2f"
              + " (%.2f-%.2f)%n",
          path,
          median(cpu),
          min(cpu),
          max(cpu),
          median(perWallSecond.get(path)),
          median(toEncoder.get(path)),
          min(toEncoder.get(path)),
          max(toEncoder.get(path)));
    }
    System.out.printf(
        Locale.ROOT,
        "(c) diagnosed the %.1f%% of windows that were anomalous%n",
        100.0 * benchmark.anomalousWindows / Math.max(1, benchmark.windows));
  }

  /**
   * Slices per CPU-second and per wall-clock second of running {@code batch} for {@code seconds}.
   */
  private static double[] measure(Supplier<?> batch, double seconds) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long wallStart = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    long batches = 0;
    while (System.nanoTime() - wallStart < seconds * 1e9) {
      batch.get();
      batches++;
    }
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
    long slices = batches * DetectThroughputBenchmark.BATCH;
    return new double[] {slices / cpu, slices / wall};
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static double min(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
  }

  private static double max(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
  }
}
