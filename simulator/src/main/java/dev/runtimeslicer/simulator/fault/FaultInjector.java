package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.system.Instance;
import dev.runtimeslicer.simulator.system.Topology;
import java.util.ArrayList;
import java.util.List;

/**
 * Applies the scheduled faults tick by tick: clears every instance's conditions, then lets each
 * active fault shape the conditions of the instances it hits.
 */
public final class FaultInjector {

  private final List<ActiveFault> faults = new ArrayList<>();

  /** An injector for {@code schedule} over {@code topology}. */
  public FaultInjector(Topology topology, List<Fault> schedule) {
    for (Fault fault : schedule) {
      faults.add(
          new ActiveFault(fault, fault.type().newBehavior(), affected(topology, fault.target())));
    }
  }

  /** The instances a target covers. */
  public static int[] affected(Topology topology, FaultTarget target) {
    List<Integer> hit = new ArrayList<>();
    for (Instance instance : topology.instances()) {
      boolean matches =
          switch (target.scope()) {
            case INSTANCE -> instance.name().equals(target.instance());
            case SERVICE -> topology.services()[instance.service()].name().equals(target.service());
            case NODE -> instance.node().equals(target.node());
          };
      if (matches) {
        hit.add(instance.index());
      }
    }
    return hit.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Faults starting in the tick [now, now + tick), for label emission. */
  public List<Fault> startingIn(long nowNanos, long tickNanos) {
    List<Fault> starting = new ArrayList<>();
    for (ActiveFault active : faults) {
      if (active.fault.startNanos() >= nowNanos
          && active.fault.startNanos() < nowNanos + tickNanos) {
        starting.add(active.fault);
      }
    }
    return starting;
  }

  /** Recomputes every instance's conditions for the tick starting at {@code context.nowNanos()}. */
  public void applyTick(InstanceHealth[] health, FaultContext context) {
    for (InstanceHealth instance : health) {
      instance.resetTick();
    }
    long now = context.nowNanos();
    for (ActiveFault active : faults) {
      if (active.fault.activeDuring(now, now + context.tickNanos())) {
        for (int instance : active.instances) {
          active.behavior.apply(active.fault, instance, health[instance], context);
        }
      } else if (!active.ended && now >= active.fault.endNanos()) {
        active.ended = true;
        for (int instance : active.instances) {
          active.behavior.end(active.fault, instance, health[instance], context);
        }
      }
    }
  }

  /** A scheduled fault with its behaviour and hit instances. */
  private static final class ActiveFault {
    final Fault fault;
    final FaultBehavior behavior;
    final int[] instances;
    boolean ended;

    ActiveFault(Fault fault, FaultBehavior behavior, int[] instances) {
      this.fault = fault;
      this.behavior = behavior;
      this.instances = instances;
    }
  }
}
