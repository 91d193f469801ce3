package dev.runtimeslicer.simulator;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.simulator.fault.Fault;
import dev.runtimeslicer.simulator.fault.FaultContext;
import dev.runtimeslicer.simulator.fault.FaultInjector;
import dev.runtimeslicer.simulator.fault.InstanceHealth;
import dev.runtimeslicer.simulator.otlp.InstanceGauges;
import dev.runtimeslicer.simulator.otlp.InstanceMetrics;
import dev.runtimeslicer.simulator.otlp.LogBatch;
import dev.runtimeslicer.simulator.otlp.MetricsExport;
import dev.runtimeslicer.simulator.otlp.Resources;
import dev.runtimeslicer.simulator.otlp.Severity;
import dev.runtimeslicer.simulator.otlp.TraceBatch;
import dev.runtimeslicer.simulator.system.Instance;
import dev.runtimeslicer.simulator.system.Service;
import dev.runtimeslicer.simulator.system.Topology;
import dev.runtimeslicer.simulator.workload.LoadCurve;
import dev.runtimeslicer.simulator.workload.RequestMix;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * One execution of a {@link Simulation}: advances simulated time in one-second ticks (apply faults,
 * restart crashed pods, generate the tick's requests, deliver the spans and logs the instances'
 * SDKs exported in the tick: spans after they end, in batches) and exports metrics every ten
 * seconds.
 */
final class SimulationRun implements FaultContext {

  private static final long TICK_NANOS = 1_000_000_000L;
  private static final long METRICS_WINDOW_NANOS = 10_000_000_000L;

  /**
   * Export requests stay small (~250 kB of JSON): large lines strain the garbage collector and
   * Kafka.
   */
  private static final int MAX_SPANS_PER_EXPORT = 500;

  private static final int MAX_LOGS_PER_EXPORT = 1000;

  /** Chance per instance and second of a routine log line (one every ~40 s). */
  private static final double BACKGROUND_LOGS_PER_SECOND = 0.025;

  private static final double MIN_STARTUP_SECONDS = 4;
  private static final double STARTUP_SPREAD_SECONDS = 6;

  private final Topology topology;
  private final long startNanos;
  private final long endNanos;
  private final RandomStreams random;
  private final TelemetrySink sink;
  private final InstanceHealth[] health;
  private final InstanceMetrics[] metrics;
  private final double[] loadFactor;
  private final FaultInjector injector;
  private final LoadCurve load;
  private final RequestMix mix;
  private final double traceSampling;
  private final TraceBatch traces;
  private final LogBatch logs;
  private final MetricsExport metricsExport;
  private final RequestSimulator requests;
  private final List<FaultLabel> labels = new ArrayList<>();
  private long now;
  private long logRecords;
  private long metricExports;

  SimulationRun(
      Topology topology,
      Instant start,
      Duration duration,
      RandomStreams random,
      List<Fault> faults,
      TelemetrySink sink) {
    this.topology = topology;
    this.startNanos = start.getEpochSecond() * TICK_NANOS + start.getNano();
    this.endNanos = startNanos + duration.toNanos();
    this.random = random;
    this.sink = sink;
    int instances = topology.instances().length;
    health = new InstanceHealth[instances];
    metrics = new InstanceMetrics[instances];
    loadFactor = new double[instances];
    for (int i = 0; i < instances; i++) {
      health[i] = new InstanceHealth(startNanos);
      metrics[i] = new InstanceMetrics(startNanos);
      loadFactor[i] = 1.0;
    }
    injector = new FaultInjector(topology, faults);
    load = new LoadCurve(topology.model().workload(), startNanos, duration, random.workload);
    mix = new RequestMix(topology);
    Double sampling = topology.model().workload().traceSampling();
    traceSampling = sampling == null ? 1.0 : sampling;
    Resources resources = new Resources(topology);
    traces = new TraceBatch(resources, instances, MAX_SPANS_PER_EXPORT);
    logs = new LogBatch(resources, instances, MAX_LOGS_PER_EXPORT);
    metricsExport = new MetricsExport(resources, topology.metricNaming(), startNanos);
    requests =
        new RequestSimulator(
            topology, health, metrics, loadFactor, random.requests, random.ids, traces, logs);
  }

  RunSummary run() {
    for (now = startNanos; now < endNanos; now += TICK_NANOS) {
      for (Fault fault : injector.startingIn(now, TICK_NANOS)) {
        FaultLabel label = fault.label(topology.name());
        labels.add(label);
        sink.label(label);
      }
      injector.applyTick(health, this);
      restartsAndRoutineLogs();
      generateRequests();
      long tickEnd = now + TICK_NANOS;
      flushTracesAndLogs(tickEnd);
      if ((tickEnd - startNanos) % METRICS_WINDOW_NANOS == 0 || tickEnd >= endNanos) {
        exportMetrics(tickEnd, Math.min(METRICS_WINDOW_NANOS, tickEnd - startNanos));
      }
      sink.advanceTo(tickEnd);
    }
    flushTracesAndLogs(
        Long.MAX_VALUE); // what is still waiting for its export: the SDKs flush at shutdown
    return new RunSummary(
        topology.name(),
        requests.completedRequests(),
        requests.spansRecorded(),
        logRecords,
        metricExports,
        List.copyOf(labels));
  }

  private void restartsAndRoutineLogs() {
    RandomGenerator logRandom = random.logs;
    for (int i = 0; i < health.length; i++) {
      if (health[i].takeRestart(now)) {
        long up = health[i].upSinceNanos();
        metrics[i].restart(up);
        double seconds = MIN_STARTUP_SECONDS + STARTUP_SPREAD_SECONDS * logRandom.nextDouble();
        List<String> lines = LogTemplates.startup(serviceOf(i), seconds);
        for (int line = 0; line < lines.size(); line++) {
          logs.add(
              i,
              up + (long) (seconds * TICK_NANOS * line / lines.size()),
              Severity.INFO,
              lines.get(line),
              null,
              null);
        }
      }
      if (!health[i].isDown(now) && logRandom.nextDouble() < BACKGROUND_LOGS_PER_SECOND) {
        log(i, Severity.INFO, LogTemplates.background(logRandom));
      }
    }
  }

  private void generateRequests() {
    RandomGenerator workload = random.workload;
    double rate = load.rate(now);
    double t = now - Math.log(1 - workload.nextDouble()) / rate * TICK_NANOS;
    while (t < now + TICK_NANOS) {
      int operation = mix.next(workload);
      boolean sampled = traceSampling >= 1 || workload.nextDouble() < traceSampling;
      requests.request(operation, (long) t, sampled);
      t -= Math.log(1 - workload.nextDouble()) / rate * TICK_NANOS;
    }
  }

  /** Delivers the spans and logs the instances' SDKs have exported by {@code exportedByNanos}. */
  private void flushTracesAndLogs(long exportedByNanos) {
    traces.exportDue(exportedByNanos);
    for (ExportTraceServiceRequest request : traces.drain()) {
      sink.traces(request);
    }
    logs.exportDue(exportedByNanos);
    logRecords += logs.size();
    for (ExportLogsServiceRequest request : logs.drain()) {
      sink.logs(request);
    }
  }

  private void exportMetrics(long timeNanos, long windowNanos) {
    double windowSeconds = windowNanos / 1e9;
    for (int i = 0; i < metrics.length; i++) {
      InstanceMetrics measured = metrics[i];
      boolean silent = health[i].isDown(timeNanos - 1) && measured.windowRequests() == 0;
      if (!silent) {
        Service service = serviceOf(i);
        InstanceGauges gauges =
            ResourceModel.gauges(
                service.resources(), measured, health[i], windowSeconds, random.metrics);
        metricsExport.add(i, service, measured, gauges, timeNanos, windowSeconds);
        loadFactor[i] = ResourceModel.queueingFactor(gauges.cpuUtilization());
      }
      measured.resetWindow();
    }
    if (!metricsExport.isEmpty()) {
      sink.metrics(metricsExport.drain());
      metricExports++;
    }
  }

  @Override
  public long nowNanos() {
    return now;
  }

  @Override
  public long tickNanos() {
    return TICK_NANOS;
  }

  @Override
  public RandomGenerator random() {
    return random.faults;
  }

  @Override
  public Instance instance(int index) {
    return topology.instances()[index];
  }

  @Override
  public Service serviceOf(int instanceIndex) {
    return topology.services()[topology.instances()[instanceIndex].service()];
  }

  @Override
  public void log(int instanceIndex, Severity severity, String body) {
    logs.add(
        instanceIndex,
        now + random.logs.nextInt((int) (TICK_NANOS / 1000)) * 1000L,
        severity,
        body,
        null,
        null);
  }
}
