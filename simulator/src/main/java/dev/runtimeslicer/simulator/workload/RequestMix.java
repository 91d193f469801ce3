package dev.runtimeslicer.simulator.workload;

import dev.runtimeslicer.simulator.system.EntrySpec;
import dev.runtimeslicer.simulator.system.Topology;
import java.util.List;
import java.util.random.RandomGenerator;

/** Picks the entry operation of each request by the weights of the workload mix. */
public final class RequestMix {

  private final int[] operations;
  private final double[] cumulative;

  /** The mix of a compiled topology's workload. */
  public RequestMix(Topology topology) {
    List<EntrySpec> mix = topology.model().workload().mix();
    operations = new int[mix.size()];
    cumulative = new double[mix.size()];
    double total = 0;
    for (int i = 0; i < mix.size(); i++) {
      if (mix.get(i).weight() < 0) {
        throw new IllegalArgumentException(
            "workload entry '" + mix.get(i).entry() + "' has a negative weight");
      }
      operations[i] = topology.operationIndex(mix.get(i).entry());
      total += mix.get(i).weight();
      cumulative[i] = total;
    }
    if (total <= 0) {
      throw new IllegalArgumentException(
          "system '" + topology.name() + "': workload weights sum to zero");
    }
    for (int i = 0; i < cumulative.length; i++) {
      cumulative[i] /= total;
    }
  }

  /** The operation index of the next request. */
  public int next(RandomGenerator random) {
    double u = random.nextDouble();
    for (int i = 0; i < cumulative.length; i++) {
      if (u < cumulative[i]) {
        return operations[i];
      }
    }
    return operations[operations.length - 1];
  }
}
