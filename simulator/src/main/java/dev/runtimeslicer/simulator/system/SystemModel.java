package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A simulated microservice system as written in a system file: nodes, services with operations and
 * call graph, defaults, workload, and how its metrics are named ({@code metricNaming}: {@code
 * otel}, the default, or {@code prometheus}; see {@code MetricNaming}). {@link Topology#compile}
 * turns it into the runtime form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemModel(
    String name,
    String description,
    SystemDefaults defaults,
    List<NodeSpec> nodes,
    WorkloadSpec workload,
    List<ServiceSpec> services,
    String metricNaming) {

  /** A system whose metrics follow the OpenTelemetry semantic conventions. */
  public SystemModel(
      String name,
      String description,
      SystemDefaults defaults,
      List<NodeSpec> nodes,
      WorkloadSpec workload,
      List<ServiceSpec> services) {
    this(name, description, defaults, nodes, workload, services, null);
  }

  /** This system with its workload replaced. */
  public SystemModel withWorkload(WorkloadSpec newWorkload) {
    return new SystemModel(name, description, defaults, nodes, newWorkload, services, metricNaming);
  }
}
