package dev.runtimeslicer.simulator;

import dev.runtimeslicer.model.format.FaultLabel;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/**
 * Receives what a simulation produces, in simulated-time order: OTLP export requests per signal,
 * ground-truth fault labels (when a fault starts), and the progress of the simulated clock.
 */
public interface TelemetrySink extends AutoCloseable {

  /** A batch of spans. */
  void traces(ExportTraceServiceRequest request);

  /** The metrics of one 10 s window. */
  void metrics(ExportMetricsServiceRequest request);

  /** A batch of log records. */
  void logs(ExportLogsServiceRequest request);

  /** The ground truth of a fault, delivered when it starts. */
  void label(FaultLabel label);

  /** Everything up to {@code simulatedNanos} (epoch) has been delivered; pacing sinks wait here. */
  default void advanceTo(long simulatedNanos) {}

  /** Flushes and releases resources; I/O failures are thrown unchecked. */
  @Override
  default void close() {}
}
