package dev.runtimeslicer.simulator;

import dev.runtimeslicer.simulator.fault.Fault;
import dev.runtimeslicer.simulator.fault.FaultSchedule;
import dev.runtimeslicer.simulator.fault.FaultSpec;
import dev.runtimeslicer.simulator.otlp.AtLeastOnceDelivery;
import dev.runtimeslicer.simulator.otlp.CollectorOutage;
import dev.runtimeslicer.simulator.otlp.DeltaTemporality;
import dev.runtimeslicer.simulator.otlp.HostClockSkew;
import dev.runtimeslicer.simulator.system.DurationText;
import dev.runtimeslicer.simulator.system.SystemCatalog;
import dev.runtimeslicer.simulator.system.SystemModel;
import dev.runtimeslicer.simulator.system.Topology;
import dev.runtimeslicer.simulator.system.WorkloadSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeSet;

/**
 * A configured simulation run: a system, a stretch of simulated time from a start instant, a seed
 * and a fault schedule. {@link #run} generates the telemetry into a {@link TelemetrySink}; the same
 * configuration always produces the same output.
 *
 * <pre>{@code
 * Simulation.builder().system("online-shop").duration(Duration.ofMinutes(30)).faults(3).seed(7)
 *     .build().run(new FileTelemetrySink(dir));
 * }</pre>
 */
public final class Simulation {

  /** Start of simulated time unless set: fixed, so file outputs are reproducible. */
  public static final Instant DEFAULT_START = Instant.parse("2026-01-01T00:00:00Z");

  private final Topology topology;
  private final Instant start;
  private final Duration duration;

  /**
   * Share of export requests delivered twice unless set: Collector exports are at least once, and
   * retries are rare.
   */
  public static final double DEFAULT_DUPLICATE_DELIVERIES = 0.001;

  /**
   * How far off each host's clock is unless set, at most, either way: NTP keeps a fleet's clocks
   * within tens of milliseconds, never exactly together. Each host's offset is drawn from the seed.
   */
  public static final long DEFAULT_CLOCK_SPREAD_MS = 20;

  /** {@link #DEFAULT_CLOCK_SPREAD_MS} as a duration. */
  public static final Duration DEFAULT_CLOCK_SPREAD = Duration.ofMillis(DEFAULT_CLOCK_SPREAD_MS);

  private final long seed;
  private final List<Fault> faults;
  private final double duplicateDeliveries;
  private final MetricTemporality temporality;
  private final Map<String, HostClockSkew.Skew> clockSkews;

  /**
   * Each host's small clock offset for the whole run, in ns (see {@link #DEFAULT_CLOCK_SPREAD}).
   */
  private final Map<String, Long> clockOffsets;

  /** The Collector outage, null when there is none. */
  private final Outage outage;

  /** A Collector that cannot export from {@code fromNanos} (epoch) to {@code toNanos}. */
  record Outage(long fromNanos, long toNanos, CollectorOutage.Mode mode) {}

  /**
   * How counters and histograms are exported: running totals since the process started, or what
   * changed since the last export.
   */
  public enum MetricTemporality {
    CUMULATIVE,
    DELTA
  }

  private Simulation(
      Topology topology,
      Instant start,
      Duration duration,
      long seed,
      List<Fault> faults,
      double duplicateDeliveries,
      MetricTemporality temporality,
      Map<String, HostClockSkew.Skew> clockSkews,
      Map<String, Long> clockOffsets,
      Outage outage) {
    this.topology = topology;
    this.start = start;
    this.duration = duration;
    this.seed = seed;
    this.faults = List.copyOf(faults);
    this.duplicateDeliveries = duplicateDeliveries;
    this.temporality = temporality;
    this.clockSkews = Map.copyOf(clockSkews);
    this.clockOffsets = Map.copyOf(clockOffsets);
    this.outage = outage;
  }

  /** A builder with defaults: online-shop, 1 h, seed 1, no faults, start 2026-01-01T00:00:00Z. */
  public static Builder builder() {
    return new Builder();
  }

  /** Runs the simulation into {@code sink} (not closed here) and says what it produced. */
  public RunSummary run(TelemetrySink sink) {
    RandomStreams streams = new RandomStreams(seed);
    TelemetrySink delivered = sink;
    if (outage != null) {
      delivered =
          new CollectorOutage(
              delivered,
              outage.fromNanos(),
              outage.toNanos(),
              outage.mode()); // between Collector and Kafka
    }
    if (duplicateDeliveries > 0) {
      delivered = new AtLeastOnceDelivery(delivered, duplicateDeliveries, streams.delivery);
    }
    if (temporality == MetricTemporality.DELTA) {
      delivered =
          new DeltaTemporality(delivered); // a retry resends the delta the first delivery carried
    }
    if (!clockSkews.isEmpty() || !clockOffsets.isEmpty()) {
      delivered = new HostClockSkew(delivered, clockOffsets, clockSkews);
    }
    return new SimulationRun(topology, start, duration, streams, faults, delivered).run();
  }

  /** The compiled system. */
  public Topology topology() {
    return topology;
  }

  /** The faults that will be injected. */
  public List<Fault> faults() {
    return faults;
  }

  /** Start of simulated time. */
  public Instant start() {
    return start;
  }

  /** Length of simulated time. */
  public Duration duration() {
    return duration;
  }

  /** Configures a {@link Simulation}. */
  public static final class Builder {
    private SystemModel system;
    private Duration duration = Duration.ofHours(1);
    private Instant start = DEFAULT_START;
    private long seed = 1;
    private double duplicateDeliveries = DEFAULT_DUPLICATE_DELIVERIES;
    private MetricTemporality temporality = MetricTemporality.CUMULATIVE;
    private Duration clockSpread = DEFAULT_CLOCK_SPREAD;

    /** A host's clock offset, and when (from the start, and for how long; null: the whole run). */
    private record RelativeSkew(Duration offset, Duration from, Duration length) {}

    private final Map<String, RelativeSkew> clockSkews = new HashMap<>();
    private Duration outageFrom;
    private Duration outageLength;
    private CollectorOutage.Mode outageMode;
    private int randomFaults;
    private final List<FaultSpec> scriptedFaults = new ArrayList<>();
    private Path faultScript;
    private Double rate;
    private Double traceSampling;

    private Builder() {}

    /** A built-in system name or the path of a system file. */
    public Builder system(String nameOrPath) {
      this.system = SystemCatalog.load(nameOrPath);
      return this;
    }

    /** A system model. */
    public Builder system(SystemModel model) {
      this.system = model;
      return this;
    }

    /** Simulated time to generate. */
    public Builder duration(Duration length) {
      this.duration = length;
      return this;
    }

    /** Simulated time to generate, written like 90s, 30m, 6h or 1d. */
    public Builder duration(String length) {
      return duration(DurationText.parse(length));
    }

    /** Start of simulated time (event timestamps begin here). */
    public Builder start(Instant instant) {
      this.start = instant;
      return this;
    }

    /** The seed of all randomness. */
    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** Number of random faults (types balanced, durations sampled). */
    public Builder faults(int count) {
      this.randomFaults = count;
      return this;
    }

    /** Scripted faults, in addition to random ones. */
    public Builder faults(List<FaultSpec> specs) {
      this.scriptedFaults.addAll(specs);
      return this;
    }

    /** A fault script file (JSON array of fault specs), in addition to random faults. */
    public Builder faultScript(Path file) {
      this.faultScript = file;
      return this;
    }

    /** Mean entry requests per second, overriding the system's workload. */
    public Builder rate(double requestsPerSecond) {
      this.rate = requestsPerSecond;
      return this;
    }

    /** Share of requests whose traces are kept (1 = all), overriding the system's workload. */
    public Builder traceSampling(double share) {
      this.traceSampling = share;
      return this;
    }

    /**
     * Share of export requests delivered twice, the retry right after the original (default {@value
     * Simulation#DEFAULT_DUPLICATE_DELIVERIES}).
     */
    public Builder duplicateDeliveries(double share) {
      this.duplicateDeliveries = share;
      return this;
    }

    /**
     * How counters and histograms are exported (default cumulative, the OpenTelemetry SDKs'
     * default).
     */
    public Builder metricTemporality(MetricTemporality value) {
      this.temporality = Objects.requireNonNull(value, "temporality");
      return this;
    }

    /**
     * How far off, at most and either way, each host's clock is for the whole run (default {@link
     * Simulation#DEFAULT_CLOCK_SPREAD}; zero: all exactly together). Each host's offset is drawn
     * from the seed; {@link #clockSkew} adds to it.
     */
    public Builder clockSpread(Duration spread) {
      if (spread.isNegative()) {
        throw new IllegalArgumentException("clock spread must be >= 0, got " + spread);
      }
      this.clockSpread = spread;
      return this;
    }

    /**
     * Runs the clock of host (node) {@code host} {@code offset} ahead, or behind when negative: its
     * telemetry is stamped so.
     */
    public Builder clockSkew(String host, Duration offset) {
      clockSkews.put(Objects.requireNonNull(host, "host"), new RelativeSkew(offset, null, null));
      return this;
    }

    /**
     * Runs the clock of host {@code host} {@code offset} off for {@code length} from {@code from}
     * after the start: an injected fault.
     */
    public Builder clockSkew(String host, Duration offset, Duration from, Duration length) {
      if (from.isNegative() || length.isNegative() || length.isZero()) {
        throw new IllegalArgumentException(
            "a clock skew of "
                + host
                + " needs a start >= 0 and a positive length, got "
                + from
                + " and "
                + length);
      }
      clockSkews.put(Objects.requireNonNull(host, "host"), new RelativeSkew(offset, from, length));
      return this;
    }

    /**
     * A Collector that cannot export for {@code length} from {@code from} after the start; its
     * telemetry meanwhile is held or lost.
     */
    public Builder collectorOutage(Duration from, Duration length, CollectorOutage.Mode mode) {
      if (from.isNegative() || length.isNegative() || length.isZero()) {
        throw new IllegalArgumentException(
            "a Collector outage needs a start >= 0 and a positive length, got "
                + from
                + " and "
                + length);
      }
      this.outageFrom = from;
      this.outageLength = length;
      this.outageMode = Objects.requireNonNull(mode, "mode");
      return this;
    }

    /** Validates the configuration and draws the fault schedule. */
    public Simulation build() {
      SystemModel model = system != null ? system : SystemCatalog.builtIn("online-shop");
      if (duration == null || duration.isNegative() || duration.toSeconds() < 1) {
        throw new IllegalArgumentException("duration must be at least 1s, got " + duration);
      }
      if (rate != null && !(rate > 0)) {
        throw new IllegalArgumentException("rate must be > 0 requests/s, got " + rate);
      }
      if (traceSampling != null && !(traceSampling >= 0 && traceSampling <= 1)) {
        throw new IllegalArgumentException(
            "trace sampling must be in [0, 1], got " + traceSampling);
      }
      if (!(duplicateDeliveries >= 0 && duplicateDeliveries <= 1)) {
        throw new IllegalArgumentException(
            "share of duplicate deliveries must be in [0, 1], got " + duplicateDeliveries);
      }
      if (randomFaults < 0) {
        throw new IllegalArgumentException("number of faults must be >= 0, got " + randomFaults);
      }
      if (model.workload() != null) {
        WorkloadSpec workload = model.workload().with(rate, traceSampling);
        model = model.withWorkload(workload);
      }
      Topology topology = Topology.compile(model);
      for (String host : clockSkews.keySet()) {
        if (!topology.nodes().contains(host)) {
          throw new IllegalArgumentException(
              "no host "
                  + host
                  + " to skew the clock of in "
                  + topology.name()
                  + "; its hosts: "
                  + topology.nodes());
        }
      }
      long startNanos = start.getEpochSecond() * 1_000_000_000L + start.getNano();
      List<Fault> faults =
          new ArrayList<>(
              FaultSchedule.random(
                  topology,
                  randomFaults,
                  startNanos,
                  duration,
                  new RandomStreams(seed).faultSchedule));
      if (faultScript != null) {
        faults.addAll(FaultSchedule.script(topology, faultScript, startNanos));
      }
      faults.addAll(FaultSchedule.scripted(topology, scriptedFaults, startNanos));
      faults.sort(Comparator.comparingLong(Fault::startNanos));
      List<Fault> numbered = new ArrayList<>();
      for (Fault fault : faults) {
        // Random and scripted faults are numbered separately; renumber by start so ids are unique.
        numbered.add(
            new Fault(
                String.format("fault-%03d", numbered.size() + 1),
                fault.type(),
                fault.target(),
                fault.startNanos(),
                fault.endNanos(),
                fault.intensity()));
      }
      Map<String, HostClockSkew.Skew> skews = new HashMap<>();
      clockSkews.forEach(
          (host, skew) ->
              skews.put(
                  host,
                  skew.from() == null
                      ? HostClockSkew.Skew.always(skew.offset().toNanos())
                      : new HostClockSkew.Skew(
                          skew.offset().toNanos(),
                          startNanos + skew.from().toNanos(),
                          startNanos + skew.from().toNanos() + skew.length().toNanos())));
      Map<String, Long> offsets = new HashMap<>();
      long spreadNanos = clockSpread.toNanos();
      if (spreadNanos > 0) {
        SplittableRandom clocks = new RandomStreams(seed).clocks;
        for (String host : new TreeSet<>(topology.nodes())) {
          offsets.put(host, clocks.nextLong(-spreadNanos, spreadNanos + 1));
        }
      }
      Outage outage =
          outageFrom == null
              ? null
              : new Outage(
                  startNanos + outageFrom.toNanos(),
                  startNanos + outageFrom.toNanos() + outageLength.toNanos(),
                  outageMode);
      return new Simulation(
          topology,
          start,
          duration,
          seed,
          numbered,
          duplicateDeliveries,
          temporality,
          skews,
          offsets,
          outage);
    }
  }
}
