package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.random.RandomGenerator;

/**
 * Delivers export requests as Collectors do, at least once: a share of them arrives twice, the
 * retry right after the original (an export whose acknowledgement was lost is sent again).
 */
public final class AtLeastOnceDelivery extends ForwardingTelemetrySink {

  private final double duplicateShare;
  private final RandomGenerator random;
  private long duplicates;

  /**
   * @param duplicateShare share of requests delivered twice, in [0, 1]
   */
  public AtLeastOnceDelivery(
      TelemetrySink delegate, double duplicateShare, RandomGenerator random) {
    super(delegate);
    if (!(duplicateShare >= 0 && duplicateShare <= 1)) {
      throw new IllegalArgumentException(
          "duplicate share must be in [0, 1], got " + duplicateShare);
    }
    this.duplicateShare = duplicateShare;
    this.random = random;
  }

  /** Requests delivered a second time so far. */
  public long duplicates() {
    return duplicates;
  }

  private boolean again() {
    if (duplicateShare > 0 && random.nextDouble() < duplicateShare) {
      duplicates++;
      return true;
    }
    return false;
  }

  @Override
  public void traces(ExportTraceServiceRequest request) {
    delegate.traces(request);
    if (again()) {
      delegate.traces(request);
    }
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    delegate.metrics(request);
    if (again()) {
      delegate.metrics(request);
    }
  }

  @Override
  public void logs(ExportLogsServiceRequest request) {
    delegate.logs(request);
    if (again()) {
      delegate.logs(request);
    }
  }
}
