package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A simulated microservice system as written in a system file: nodes, services with operations and
 * call graph, defaults and workload. {@link Topology#compile} turns it into the runtime form.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SystemModel(
    String name,
    String description,
    SystemDefaults defaults,
    List<NodeSpec> nodes,
    WorkloadSpec workload,
    List<ServiceSpec> services) {

  /** This system with its workload replaced. */
  public SystemModel withWorkload(WorkloadSpec newWorkload) {
    return new SystemModel(name, description, defaults, nodes, newWorkload, services);
  }
}
