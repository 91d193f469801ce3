package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

/** A sink that passes everything on to another; decorators override only what they change. */
public abstract class ForwardingTelemetrySink implements TelemetrySink {

  /** Where everything goes on. */
  protected final TelemetrySink delegate;

  protected ForwardingTelemetrySink(TelemetrySink delegate) {
    this.delegate = delegate;
  }

  @Override
  public void traces(ExportTraceServiceRequest request) {
    delegate.traces(request);
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    delegate.metrics(request);
  }

  @Override
  public void logs(ExportLogsServiceRequest request) {
    delegate.logs(request);
  }

  @Override
  public void label(FaultLabel label) {
    delegate.label(label);
  }

  @Override
  public void advanceTo(long simulatedNanos) {
    delegate.advanceTo(simulatedNanos);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
