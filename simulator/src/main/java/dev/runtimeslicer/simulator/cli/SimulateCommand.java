package dev.runtimeslicer.simulator.cli;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.simulator.RunSummary;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.TelemetrySink;
import dev.runtimeslicer.simulator.otlp.CollectorOutage;
import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import dev.runtimeslicer.simulator.otlp.KafkaTelemetrySink;
import dev.runtimeslicer.simulator.otlp.PacedSink;
import dev.runtimeslicer.simulator.system.DurationText;
import dev.runtimeslicer.simulator.system.RandomSystemGenerator;
import dev.runtimeslicer.simulator.system.SystemCatalog;
import dev.runtimeslicer.simulator.system.Topology;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: generates telemetry of a simulated system with injected faults into files or
 * Kafka.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    subcommands = {LearnCommand.class},
    description = {
      "Simulates a microservice system with fault injection.",
      "%nEmits OTLP traces, metrics and logs as Collector file-exporter files (--out) or to Kafka"
          + " (--bootstrap), plus ground-truth labels."
    },
    footer = {
      "",
      "Examples:",
      "  simulate --system ticketing --duration 6h --faults 12 --seed 7 --out data/ticketing",
      "  simulate --system online-shop --bootstrap localhost:9092 --speed 10 --faults 3",
      "  simulate --system random:42 --duration 1d --faults 20 --out data/random-42",
      "  simulate learn --input data/ticketing --out ticketing-model.json"
    })
public final class SimulateCommand implements Callable<Integer> {

  @Spec private CommandSpec spec;

  @Option(
      names = "--system",
      defaultValue = "online-shop",
      paramLabel = "NAME",
      description =
          "Built-in system (see --list-systems), random:SEED (a generated system) or path of a"
              + " system/learned model file. Default: ${DEFAULT-VALUE}.")
  private String system;

  @Option(
      names = "--duration",
      defaultValue = "1h",
      converter = DurationConverter.class,
      paramLabel = "DURATION",
      description = "Simulated time to generate, e.g. 90s, 30m, 6h, 1d. Default: ${DEFAULT-VALUE}.")
  private Duration duration;

  @Option(
      names = "--faults",
      defaultValue = "0",
      paramLabel = "N",
      description =
          "Number of random faults (types balanced, durations sampled). Default: ${DEFAULT-VALUE}.")
  private int faults;

  @Option(
      names = "--fault-script",
      paramLabel = "FILE",
      description =
          "JSON array of scripted faults: {type, service, instance, node, start, duration,"
              + " intensity}.")
  private Path faultScript;

  @Option(
      names = "--seed",
      defaultValue = "1",
      paramLabel = "S",
      description = "Seed; the same seed gives the same output. Default: ${DEFAULT-VALUE}.")
  private long seed;

  @ArgGroup(exclusive = true)
  private Output output;

  @Option(names = "--list-systems", description = "List the built-in systems and exit.")
  private boolean listSystems;

  @Option(
      names = "--rate",
      paramLabel = "RPS",
      description = "Mean entry requests per second (overrides the system).")
  private Double rate;

  @Option(
      names = "--trace-sampling",
      paramLabel = "SHARE",
      description =
          "Share of requests whose traces are kept, 0..1 (overrides the system; metrics count all"
              + " requests).")
  private Double traceSampling;

  @Option(
      names = "--duplicate-deliveries",
      paramLabel = "SHARE",
      description =
          "Share of export requests delivered twice, the retry right after (Collector exports are"
              + " at least once; default: ${DEFAULT-VALUE}).")
  private double duplicateDeliveries = Simulation.DEFAULT_DUPLICATE_DELIVERIES;

  @Option(
      names = "--metric-temporality",
      paramLabel = "KIND",
      description =
          "How counters and histograms are exported: CUMULATIVE (the SDKs' default) or DELTA."
              + " Default: ${DEFAULT-VALUE}.")
  private Simulation.MetricTemporality temporality = Simulation.MetricTemporality.CUMULATIVE;

  @Option(
      names = "--clock-skew",
      paramLabel = "HOST=DURATION[@FROM+LENGTH]",
      mapFallbackValue = "",
      description =
          "Runs a host's clock ahead (e.g. node-2=3m) or behind (node-2=-3m): its telemetry is"
              + " stamped so; for a stretch only with @FROM+LENGTH after the start"
              + " (node-2=3m@20m+5m); repeatable.")
  private Map<String, String> clockSkew = new LinkedHashMap<>();

  @Option(
      names = "--clock-spread",
      paramLabel = "DURATION",
      description =
          "How far off each host's clock is for the whole run, at most and either way, drawn per"
              + " host from the seed (0ms: all exactly together); --clock-skew adds to it."
              + " Default: "
              + Simulation.DEFAULT_CLOCK_SPREAD_MS
              + "ms.")
  private String clockSpread;

  @Option(
      names = "--collector-outage",
      paramLabel = "FROM+LENGTH[:lost]",
      description =
          "The Collector cannot export for LENGTH from FROM after the start (e.g. 20m+2m): what it"
              + " receives meanwhile goes out in one burst when the outage ends, or is lost with"
              + " :lost.")
  private String collectorOutage;

  @Option(
      names = "--start",
      paramLabel = "INSTANT",
      description =
          "Start of simulated time, ISO-8601 (e.g. 2026-01-01T00:00:00Z). "
              + "Default: 2026-01-01T00:00:00Z for files, now (to the minute) for Kafka.")
  private String start;

  @Option(
      names = "--speed",
      defaultValue = "1",
      paramLabel = "FACTOR",
      description =
          "Kafka only: simulated seconds per wall-clock second; 0 = as fast as possible. Default:"
              + " ${DEFAULT-VALUE}. Faster than 1 from a start of now runs ahead of the present:"
              + " give an earlier --start, as the job closes no window before its time comes"
              + " (watermark.max-lead).")
  private double speed;

  @Option(
      names = "--labels",
      paramLabel = "FILE",
      description =
          "Kafka only: write fault labels (JSON lines) to FILE instead of standard output.")
  private Path labelsFile;

  /** Open while a Kafka run writes labels to {@link #labelsFile}. */
  private BufferedWriter labelWriter;

  /** Where the telemetry goes. */
  static final class Output {
    @Option(
        names = "--out",
        paramLabel = "DIR",
        description = "Write traces/metrics/logs .json.gz and labels.jsonl to DIR.")
    Path directory;

    @Option(
        names = "--bootstrap",
        paramLabel = "HOST:PORT",
        description = "Publish OTLP protobuf to Kafka topics otlp_spans, otlp_metrics, otlp_logs.")
    String bootstrap;
  }

  /** Runs the command standalone. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new SimulateCommand()).execute(args));
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (listSystems) {
      listSystems(out);
      return 0;
    }
    if (output == null) {
      throw new ParameterException(
          spec.commandLine(),
          "Missing output: give --out DIR (files) or --bootstrap HOST:PORT (Kafka)");
    }
    boolean kafka = output.bootstrap != null;
    Simulation simulation;
    try {
      Simulation.Builder builder =
          Simulation.builder()
              .system(system)
              .duration(duration)
              .seed(seed)
              .faults(faults)
              .start(startInstant(kafka));
      if (faultScript != null) {
        builder.faultScript(faultScript);
      }
      if (rate != null) {
        builder.rate(rate);
      }
      if (traceSampling != null) {
        builder.traceSampling(traceSampling);
      }
      builder.duplicateDeliveries(duplicateDeliveries);
      builder.metricTemporality(temporality);
      if (clockSpread != null) {
        builder.clockSpread(DurationText.parse(clockSpread));
      }
      for (Map.Entry<String, String> skew : clockSkew.entrySet()) {
        String text = skew.getValue();
        int at = text.indexOf('@');
        String offsetText = at < 0 ? text : text.substring(0, at);
        boolean behind = offsetText.startsWith("-");
        Duration offset = DurationText.parse(behind ? offsetText.substring(1) : offsetText);
        if (behind) {
          offset = offset.negated();
        }
        if (at < 0) {
          builder.clockSkew(skew.getKey(), offset);
        } else {
          Duration[] stretch = stretch(text.substring(at + 1), "--clock-skew " + skew.getKey());
          builder.clockSkew(skew.getKey(), offset, stretch[0], stretch[1]);
        }
      }
      if (collectorOutage != null) {
        boolean lost = collectorOutage.endsWith(":lost");
        Duration[] stretch =
            stretch(
                lost
                    ? collectorOutage.substring(0, collectorOutage.length() - ":lost".length())
                    : collectorOutage,
                "--collector-outage");
        builder.collectorOutage(
            stretch[0], stretch[1], lost ? CollectorOutage.Mode.LOST : CollectorOutage.Mode.HELD);
      }
      simulation = builder.build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    long started = System.nanoTime();
    RunSummary summary;
    try (TelemetrySink sink = kafka ? kafkaSink(out) : new FileTelemetrySink(output.directory)) {
      summary = simulation.run(sink);
    } finally {
      closeLabelFile();
    }
    out.printf(
        "%s: %s of simulated time from %s in %.1f s: %d requests, %d spans, %d log records, %d"
            + " metric exports, %d faults -> %s%n",
        summary.system(),
        duration.toString().substring(2).toLowerCase(),
        simulation.start(),
        (System.nanoTime() - started) / 1e9,
        summary.requests(),
        summary.spans(),
        summary.logRecords(),
        summary.metricExports(),
        summary.faults().size(),
        kafka ? "kafka " + output.bootstrap : output.directory);
    out.flush();
    return 0;
  }

  private Instant startInstant(boolean kafka) {
    if (start != null) {
      try {
        return Instant.parse(start);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "bad --start '"
                + start
                + "': use an ISO-8601 instant such as "
                + "2026-01-01T00:00:00Z");
      }
    }
    // Live Kafka runs line up with the consumers' clock; file runs use a fixed start to stay
    // reproducible.
    return kafka ? Instant.now().truncatedTo(ChronoUnit.MINUTES) : Simulation.DEFAULT_START;
  }

  private TelemetrySink kafkaSink(PrintWriter out) {
    Consumer<FaultLabel> labels;
    if (labelsFile != null) {
      try {
        labelWriter = Files.newBufferedWriter(labelsFile, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write labels to " + labelsFile, e);
      }
      BufferedWriter writer = labelWriter;
      labels =
          label -> {
            try {
              writer.write(FaultLabelJson.write(label));
              writer.write('\n');
              writer.flush();
            } catch (IOException e) {
              throw new UncheckedIOException("cannot write labels to " + labelsFile, e);
            }
          };
    } else {
      labels =
          label -> {
            out.println(FaultLabelJson.write(label));
            out.flush();
          };
    }
    return new PacedSink(new KafkaTelemetrySink(output.bootstrap, labels), speed);
  }

  private void closeLabelFile() {
    if (labelWriter != null) {
      try {
        labelWriter.close();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot close " + labelsFile, e);
      }
    }
  }

  private static void listSystems(PrintWriter out) {
    for (String name : SystemCatalog.BUILT_IN) {
      Topology topology = Topology.compile(SystemCatalog.builtIn(name));
      out.printf(
          "%-15s %2d services, %2d instances, %2d nodes, %3.0f requests/s  %s%n",
          name,
          topology.services().length,
          topology.instances().length,
          topology.nodes().size(),
          topology.model().workload().requestsPerSecond(),
          topology.model().description());
    }
    out.printf(
        "%-15s a system drawn from the seed: domain, names, size, call graph, workload%n",
        RandomSystemGenerator.PREFIX + "SEED");
    out.flush();
  }

  /** FROM+LENGTH, two durations (e.g. 20m+2m). */
  private static Duration[] stretch(String text, String option) {
    int plus = text.indexOf('+');
    if (plus <= 0 || plus == text.length() - 1) {
      throw new IllegalArgumentException(
          option + " needs FROM+LENGTH after the start, e.g. 20m+2m; got '" + text + "'");
    }
    return new Duration[] {
      DurationText.parse(text.substring(0, plus)), DurationText.parse(text.substring(plus + 1))
    };
  }
}
