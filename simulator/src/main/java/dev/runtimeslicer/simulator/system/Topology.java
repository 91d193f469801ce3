package dev.runtimeslicer.simulator.system;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The runtime form of a {@link SystemModel}: services, operations and instances in arrays indexed
 * by position, calls resolved to indices, replicas placed on nodes, defaults applied.
 */
public final class Topology {

  private static final int DEFAULT_REQUEST_BYTES = 512;
  private static final int DEFAULT_RESPONSE_BYTES = 2048;
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final SystemModel model;
  private final Service[] services;
  private final Operation[] operations;
  private final Instance[] instances;
  private final LatencySampler networkLatency;
  private final Map<String, Integer> serviceByName;
  private final Map<String, Integer> operationByRef;

  private Topology(
      SystemModel model,
      Service[] services,
      Operation[] operations,
      Instance[] instances,
      LatencySampler networkLatency,
      Map<String, Integer> serviceByName,
      Map<String, Integer> operationByRef) {
    this.model = model;
    this.services = services;
    this.operations = operations;
    this.instances = instances;
    this.networkLatency = networkLatency;
    this.serviceByName = serviceByName;
    this.operationByRef = operationByRef;
  }

  /**
   * Validates a system model and compiles it; errors name the offending service, operation or call.
   */
  public static Topology compile(SystemModel model) {
    String system = model.name();
    if (system == null || system.isBlank()) {
      throw new IllegalArgumentException("system file has no name");
    }
    if (model.services() == null || model.services().isEmpty()) {
      throw new IllegalArgumentException("system '" + system + "' has no services");
    }
    List<NodeSpec> nodes =
        model.nodes() == null || model.nodes().isEmpty()
            ? List.of(new NodeSpec("node-1", 16, 64))
            : model.nodes();
    SystemDefaults defaults = model.defaults() == null ? SystemDefaults.FALLBACK : model.defaults();
    ResourceSpec baseResources =
        defaults.resources() == null
            ? ResourceSpec.FALLBACK
            : defaults.resources().orElse(ResourceSpec.FALLBACK);
    long defaultTimeout =
        (defaults.timeoutMs() != null ? defaults.timeoutMs() : SystemDefaults.FALLBACK.timeoutMs())
            * NANOS_PER_MILLI;
    int defaultRetries =
        defaults.retries() != null ? defaults.retries() : SystemDefaults.FALLBACK.retries();
    LatencySpec network =
        defaults.networkLatency() != null
            ? defaults.networkLatency()
            : SystemDefaults.FALLBACK.networkLatency();
    network.validate(system + " defaults.networkLatency");
    MetricNaming.parse(model.metricNaming(), "system '" + system + "'");

    Map<String, Integer> serviceByName = new HashMap<>();
    Map<String, Integer> operationByRef = new HashMap<>();
    int operationCount = 0;
    for (ServiceSpec spec : model.services()) {
      if (spec.name() == null
          || serviceByName.putIfAbsent(spec.name(), serviceByName.size()) != null) {
        throw new IllegalArgumentException(
            "system '" + system + "': service name missing or repeated: " + spec.name());
      }
      if (spec.operations() == null || spec.operations().isEmpty()) {
        throw new IllegalArgumentException("service '" + spec.name() + "' has no operations");
      }
      for (OperationSpec op : spec.operations()) {
        if (operationByRef.putIfAbsent(spec.name() + "/" + op.name(), operationCount++) != null) {
          throw new IllegalArgumentException(
              "service '" + spec.name() + "' repeats operation '" + op.name() + "'");
        }
      }
    }

    Service[] services = new Service[model.services().size()];
    Operation[] operations = new Operation[operationCount];
    List<Instance> instances = new ArrayList<>();
    int nodeCursor = 0;
    int opIndex = 0;
    for (int s = 0; s < services.length; s++) {
      ServiceSpec spec = model.services().get(s);
      String where = "service '" + spec.name() + "'";
      Protocol protocol = Protocol.parse(spec.protocol(), where);
      ServiceKind kind = ServiceKind.parse(spec.kind(), where);
      int replicas = spec.replicas() == null ? 1 : spec.replicas();
      if (replicas < 1) {
        throw new IllegalArgumentException(where + ": replicas must be >= 1");
      }
      int[] instanceIndices = new int[replicas];
      for (int r = 0; r < replicas; r++) {
        // Round-robin over nodes across all services spreads replicas of one service over nodes.
        String node = nodes.get(nodeCursor++ % nodes.size()).name();
        instanceIndices[r] = instances.size();
        instances.add(
            new Instance(instances.size(), s, PodNames.podName(system, spec.name(), r), node));
      }
      int[] operationIndices = new int[spec.operations().size()];
      for (int o = 0; o < operationIndices.length; o++) {
        OperationSpec op = spec.operations().get(o);
        String opWhere = "operation '" + spec.name() + "/" + op.name() + "'";
        if (op.latency() == null) {
          throw new IllegalArgumentException(opWhere + " has no latency");
        }
        op.latency().validate(opWhere);
        Call[][] steps = new Call[op.stepsOrEmpty().size()][];
        for (int st = 0; st < steps.length; st++) {
          List<CallSpec> group = op.stepsOrEmpty().get(st);
          steps[st] = new Call[group.size()];
          for (int c = 0; c < group.size(); c++) {
            steps[st][c] =
                compileCall(
                    group.get(c),
                    opWhere,
                    serviceByName,
                    operationByRef,
                    defaultTimeout,
                    defaultRetries);
          }
        }
        operationIndices[o] = opIndex;
        operations[opIndex] =
            new Operation(
                opIndex,
                s,
                op.name(),
                LatencySampler.of(op.latency()),
                op.errorRate() == null ? 0.0 : op.errorRate(),
                op.requestBytes() == null ? DEFAULT_REQUEST_BYTES : op.requestBytes(),
                op.responseBytes() == null ? DEFAULT_RESPONSE_BYTES : op.responseBytes(),
                steps);
        opIndex++;
      }
      ResourceSpec resources =
          spec.resources() == null ? baseResources : spec.resources().orElse(baseResources);
      services[s] =
          new Service(
              s,
              spec.name(),
              protocol,
              kind,
              spec.dbSystem(),
              Boolean.TRUE.equals(spec.accessLog()),
              resources,
              operationIndices,
              instanceIndices);
    }
    Topology topology =
        new Topology(
            model,
            services,
            operations,
            instances.toArray(Instance[]::new),
            LatencySampler.of(network),
            Map.copyOf(serviceByName),
            Map.copyOf(operationByRef));
    topology.checkAcyclic();
    topology.checkWorkload();
    return topology;
  }

  private static Call compileCall(
      CallSpec spec,
      String where,
      Map<String, Integer> serviceByName,
      Map<String, Integer> operationByRef,
      long defaultTimeout,
      int defaultRetries) {
    Integer target = operationByRef.get(spec.call());
    if (target == null) {
      throw new IllegalArgumentException(
          where
              + " calls unknown operation '"
              + spec.call()
              + "'; calls are written service/operation and must name an operation defined in the"
              + " system");
    }
    double p = spec.probability();
    if (p < 0 || p > 1) {
      throw new IllegalArgumentException(
          where + ": probability of call '" + spec.call() + "' must be in [0, 1]");
    }
    return new Call(
        target,
        serviceByName.get(spec.targetService()),
        p,
        spec.timeoutMs() != null ? spec.timeoutMs() * NANOS_PER_MILLI : defaultTimeout,
        spec.retries() != null ? spec.retries() : defaultRetries,
        Boolean.TRUE.equals(spec.optional()));
  }

  /** Cycles would make a request recurse forever. */
  private void checkAcyclic() {
    int[] state = new int[operations.length];
    for (Operation op : operations) {
      visit(op.index(), state);
    }
  }

  private void visit(int op, int[] state) {
    if (state[op] == 2) {
      return;
    }
    if (state[op] == 1) {
      throw new IllegalArgumentException(
          "system '" + name() + "': call graph has a cycle through '" + ref(op) + "'");
    }
    state[op] = 1;
    for (Call[] step : operations[op].steps()) {
      for (Call call : step) {
        visit(call.targetOperation(), state);
      }
    }
    state[op] = 2;
  }

  private void checkWorkload() {
    WorkloadSpec workload = model.workload();
    if (workload == null || workload.mix() == null || workload.mix().isEmpty()) {
      throw new IllegalArgumentException(
          "system '" + name() + "' has no workload mix (entry operations)");
    }
    for (EntrySpec entry : workload.mix()) {
      if (!operationByRef.containsKey(entry.entry())) {
        throw new IllegalArgumentException(
            "system '"
                + name()
                + "': workload entry '"
                + entry.entry()
                + "' is not an operation (write service/operation)");
      }
    }
  }

  /** How the system's metrics are named. */
  public MetricNaming metricNaming() {
    return MetricNaming.parse(model.metricNaming(), "system '" + name() + "'");
  }

  /** The system name, used as deployment.environment. */
  public String name() {
    return model.name();
  }

  /** The model this topology was compiled from. */
  public SystemModel model() {
    return model;
  }

  /** Services by index. */
  public Service[] services() {
    return services;
  }

  /** Operations by index. */
  public Operation[] operations() {
    return operations;
  }

  /** Instances by index. */
  public Instance[] instances() {
    return instances;
  }

  /** One-way network latency between two instances. */
  public LatencySampler networkLatency() {
    return networkLatency;
  }

  /** The index of an operation written "service/operation", or -1. */
  public int operationIndex(String ref) {
    return operationByRef.getOrDefault(ref, -1);
  }

  /** The index of a service, or -1. */
  public int serviceIndex(String name) {
    return serviceByName.getOrDefault(name, -1);
  }

  /** "service/operation" of an operation index. */
  public String ref(int operation) {
    return services[operations[operation].service()].name() + "/" + operations[operation].name();
  }

  /** Distinct node names in placement order. */
  public List<String> nodes() {
    List<String> names = new ArrayList<>();
    for (Instance instance : instances) {
      if (!names.contains(instance.node())) {
        names.add(instance.node());
      }
    }
    return names;
  }
}
