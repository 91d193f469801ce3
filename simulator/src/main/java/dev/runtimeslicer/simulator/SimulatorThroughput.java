package dev.runtimeslicer.simulator;

import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Generation throughput benchmark: simulates a system into files and prints spans per second of
 * wall time. Arguments (all optional): system, duration, trace sampling, output directory. Example:
 * {@code java -cp ... dev.runtimeslicer.simulator.SimulatorThroughput ticketing 1h 1.0 /tmp/bench}.
 */
public final class SimulatorThroughput {

  private SimulatorThroughput() {}

  /** Runs the benchmark. */
  public static void main(String[] args) throws Exception {
    String system = args.length > 0 ? args[0] : "ticketing";
    String duration = args.length > 1 ? args[1] : "1h";
    double sampling = args.length > 2 ? Double.parseDouble(args[2]) : 1.0;
    Path out =
        args.length > 3 ? Path.of(args[3]) : Files.createTempDirectory("simulator-throughput");
    Simulation simulation =
        Simulation.builder()
            .system(system)
            .duration(duration)
            .traceSampling(sampling)
            .seed(1)
            .build();
    long started = System.nanoTime();
    RunSummary summary;
    try (FileTelemetrySink sink = new FileTelemetrySink(out)) {
      summary = simulation.run(sink);
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long bytes = 0;
    try (var files = Files.list(out)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        bytes += Files.size(file);
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%s %s sampling=%.3f: %d requests, %d spans, %d log records in %.1f s wall: "
            + "%.0f spans/s, %.0f requests/s; %.1f MB written to %s%n",
        system,
        duration,
        sampling,
        summary.requests(),
        summary.spans(),
        summary.logRecords(),
        seconds,
        summary.spans() / seconds,
        summary.requests() / seconds,
        bytes / 1e6,
        out);
  }
}
