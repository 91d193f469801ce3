package dev.runtimeslicer.simulator;

import dev.runtimeslicer.model.format.FaultLabel;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.ArrayList;
import java.util.List;

/** Keeps everything a simulation produces in memory, for tests. */
public final class CollectingSink implements TelemetrySink {

  public final List<ExportTraceServiceRequest> traces = new ArrayList<>();
  public final List<ExportMetricsServiceRequest> metrics = new ArrayList<>();
  public final List<ExportLogsServiceRequest> logs = new ArrayList<>();
  public final List<FaultLabel> labels = new ArrayList<>();
  public final List<Long> clock = new ArrayList<>();

  @Override
  public void traces(ExportTraceServiceRequest request) {
    traces.add(request);
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    metrics.add(request);
  }

  @Override
  public void logs(ExportLogsServiceRequest request) {
    logs.add(request);
  }

  @Override
  public void label(FaultLabel label) {
    labels.add(label);
  }

  @Override
  public void advanceTo(long simulatedNanos) {
    clock.add(simulatedNanos);
  }
}
