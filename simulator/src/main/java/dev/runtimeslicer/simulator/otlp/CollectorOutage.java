package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * A Collector that cannot export for a stretch of simulated time, [fromNanos, toNanos): what
 * arrives meanwhile waits in its sending queue and goes out in one burst when the outage ends, in
 * the order it came, as late as the outage was long ({@link Mode#HELD}); or, with no queue or a
 * full one, is lost ({@link Mode#LOST}). Fault labels are ground truth, not telemetry, and pass at
 * once.
 */
public final class CollectorOutage extends ForwardingTelemetrySink {

  /** What becomes of the telemetry exported during the outage. */
  public enum Mode {
    /** Queued and delivered when the outage ends. */
    HELD,
    /** Never delivered. */
    LOST
  }

  private final long fromNanos;
  private final long toNanos;
  private final Mode mode;
  private final List<Runnable> held = new ArrayList<>();

  /** The simulated clock, as the simulation advances it. */
  private long nowNanos = Long.MIN_VALUE;

  private long lostRequests;

  public CollectorOutage(TelemetrySink delegate, long fromNanos, long toNanos, Mode mode) {
    super(delegate);
    if (toNanos <= fromNanos) {
      throw new IllegalArgumentException("a Collector outage must end after it starts");
    }
    this.fromNanos = fromNanos;
    this.toNanos = toNanos;
    this.mode = mode;
  }

  private boolean down() {
    return nowNanos >= fromNanos && nowNanos < toNanos;
  }

  /** Passes {@code export} on now, or holds or loses it during the outage. */
  private void deliver(Runnable export) {
    if (!down()) {
      export.run();
    } else if (mode == Mode.HELD) {
      held.add(export);
    } else {
      lostRequests++;
    }
  }

  @Override
  public void traces(ExportTraceServiceRequest request) {
    deliver(() -> delegate.traces(request));
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    deliver(() -> delegate.metrics(request));
  }

  @Override
  public void logs(ExportLogsServiceRequest request) {
    deliver(() -> delegate.logs(request));
  }

  @Override
  public void advanceTo(long simulatedNanos) {
    nowNanos = simulatedNanos;
    // first: the burst goes out when the outage has ended (a pacing sink waits for that)
    super.advanceTo(simulatedNanos);
    if (!down()) {
      releaseHeld();
    }
  }

  private void releaseHeld() {
    held.forEach(Runnable::run);
    held.clear();
  }

  /** Export requests lost to the outage so far. */
  public long lostRequests() {
    return lostRequests;
  }

  @Override
  public void close() {
    releaseHeld(); // a run that ends during the outage: the queue drains at shutdown
    super.close();
  }
}
