package dev.runtimeslicer.simulator.fault;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.simulator.system.DurationText;
import dev.runtimeslicer.simulator.system.Instance;
import dev.runtimeslicer.simulator.system.Service;
import dev.runtimeslicer.simulator.system.Topology;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** Builds the list of faults of a run: random (types balanced, durations sampled) or scripted. */
public final class FaultSchedule {

  /** Share of the run kept fault-free at the start, so every run has a healthy baseline. */
  private static final double WARMUP_SHARE = 0.2;

  private static final long MAX_WARMUP_SECONDS = 600;

  /** Sampled fault durations lie between these bounds, shrunk to fit the slot of each fault. */
  private static final long MIN_FAULT_SECONDS = 120;

  private static final long MAX_FAULT_SECONDS = 900;
  private static final double MIN_SLOT_SHARE = 0.3;
  private static final double MAX_SLOT_SHARE = 0.6;
  private static final double MIN_INTENSITY = 0.3;
  private static final double DEFAULT_SCRIPTED_INTENSITY = 0.7;
  private static final long NANOS_PER_SECOND = 1_000_000_000L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private FaultSchedule() {}

  /**
   * {@code count} non-overlapping faults spread over the run after a warm-up; types cycle through a
   * fresh shuffle of all types so every type appears once per nine faults.
   */
  public static List<Fault> random(
      Topology topology, int count, long startNanos, Duration duration, RandomGenerator random) {
    if (count <= 0) {
      return List.of();
    }
    long total = duration.toSeconds();
    long warmup = Math.min(MAX_WARMUP_SECONDS, (long) (total * WARMUP_SHARE));
    double slot = (double) (total - warmup) / count;
    if (slot < 2) {
      throw new IllegalArgumentException(
          count
              + " faults do not fit into "
              + duration
              + "; use fewer faults or a longer duration");
    }
    List<FaultType> order = new ArrayList<>();
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      if (order.isEmpty()) {
        order.addAll(Arrays.asList(FaultType.values()));
        shuffle(order, random);
      }
      FaultType type = order.remove(order.size() - 1);
      double low = Math.min(MIN_FAULT_SECONDS, slot * MIN_SLOT_SHARE);
      double high = Math.max(low, Math.min(MAX_FAULT_SECONDS, slot * MAX_SLOT_SHARE));
      double length =
          Math.exp(Math.log(low) + random.nextDouble() * (Math.log(high) - Math.log(low)));
      double slotStart = warmup + i * slot;
      // The fault starts anywhere in its slot that leaves room for it, so faults never overlap.
      double offset = slotStart + random.nextDouble() * (slot - length);
      long start = startNanos + (long) (offset * NANOS_PER_SECOND);
      long end = start + (long) (length * NANOS_PER_SECOND);
      FaultTarget target = randomTarget(topology, type, random);
      double intensity = MIN_INTENSITY + (1 - MIN_INTENSITY) * random.nextDouble();
      faults.add(new Fault(faultId(i), type, target, start, end, intensity));
    }
    return faults;
  }

  private static FaultTarget randomTarget(
      Topology topology, FaultType type, RandomGenerator random) {
    List<Service> fitting = new ArrayList<>();
    for (Service service : topology.services()) {
      if (type.fits(service)) {
        fitting.add(service);
      }
    }
    if (fitting.isEmpty()) {
      fitting.addAll(Arrays.asList(topology.services()));
    }
    Service service = fitting.get(random.nextInt(fitting.size()));
    if (type.defaultScope() == FaultScope.SERVICE) {
      return new FaultTarget(service.name(), null, null);
    }
    Instance instance =
        topology.instances()[service.instances()[random.nextInt(service.instances().length)]];
    return new FaultTarget(service.name(), instance.name(), instance.node());
  }

  /** Faults from a script file (a JSON array of {@link FaultSpec}). */
  public static List<Fault> script(Topology topology, Path file, long startNanos) {
    try {
      List<FaultSpec> specs =
          JSON.readValue(file.toFile(), new TypeReference<List<FaultSpec>>() {});
      return scripted(topology, specs, startNanos);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read fault script "
              + file
              + ": "
              + e.getMessage()
              + " (expected a JSON array of {type, service|instance|node, start, duration,"
              + " intensity})",
          e);
    }
  }

  /** Faults from scripted specs; targets are checked against the topology. */
  public static List<Fault> scripted(Topology topology, List<FaultSpec> specs, long startNanos) {
    List<Fault> faults = new ArrayList<>();
    for (int i = 0; i < specs.size(); i++) {
      FaultSpec spec = specs.get(i);
      if (spec.type() == null || spec.start() == null || spec.duration() == null) {
        throw new IllegalArgumentException(
            "fault script entry " + (i + 1) + " needs type, start and duration");
      }
      FaultType type = FaultType.parse(spec.type());
      FaultTarget target = resolve(topology, spec, type, i + 1);
      long start = startNanos + DurationText.parse(spec.start()).toNanos();
      long end = start + DurationText.parse(spec.duration()).toNanos();
      double intensity = spec.intensity() == null ? DEFAULT_SCRIPTED_INTENSITY : spec.intensity();
      faults.add(
          new Fault(faultId(i), type, target, start, end, Math.max(0, Math.min(1, intensity))));
    }
    faults.sort(Comparator.comparingLong(Fault::startNanos));
    return faults;
  }

  private static FaultTarget resolve(Topology topology, FaultSpec spec, FaultType type, int entry) {
    String where = "fault script entry " + entry + " (" + type.id() + ")";
    if (spec.service() == null) {
      if (spec.node() == null || !topology.nodes().contains(spec.node())) {
        throw new IllegalArgumentException(
            where + ": give a service, or a node out of " + topology.nodes());
      }
      requireScope(type, FaultScope.NODE, where);
      return new FaultTarget(null, null, spec.node());
    }
    int serviceIndex = topology.serviceIndex(spec.service());
    if (serviceIndex < 0) {
      throw new IllegalArgumentException(
          where + ": unknown service '" + spec.service() + "' in system " + topology.name());
    }
    Service service = topology.services()[serviceIndex];
    if (spec.instance() == null) {
      requireScope(type, FaultScope.SERVICE, where);
      return new FaultTarget(service.name(), null, null);
    }
    requireScope(type, FaultScope.INSTANCE, where);
    for (int r = 0; r < service.instances().length; r++) {
      Instance instance = topology.instances()[service.instances()[r]];
      if (instance.name().equals(spec.instance()) || Integer.toString(r).equals(spec.instance())) {
        return new FaultTarget(service.name(), instance.name(), instance.node());
      }
    }
    throw new IllegalArgumentException(
        where
            + ": service "
            + service.name()
            + " has no instance '"
            + spec.instance()
            + "' (give the pod name or a replica number from 0 to "
            + (service.instances().length - 1)
            + ")");
  }

  private static void requireScope(FaultType type, FaultScope scope, String where) {
    if (!type.allows(scope)) {
      throw new IllegalArgumentException(
          where
              + ": "
              + type.id()
              + " cannot target a whole "
              + scope.name().toLowerCase()
              + "; give "
              + (scope == FaultScope.SERVICE ? "an instance" : "a service (and instance)"));
    }
  }

  private static String faultId(int index) {
    return String.format("fault-%03d", index + 1);
  }

  private static <T> void shuffle(List<T> list, RandomGenerator random) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      T swap = list.get(i);
      list.set(i, list.get(j));
      list.set(j, swap);
    }
  }
}
