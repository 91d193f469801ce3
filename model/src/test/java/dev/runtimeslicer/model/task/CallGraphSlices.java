package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.Comparator;
import java.util.Map;

/** Small traced services and their calls, for the ranking rules' tests. */
final class CallGraphSlices {

  private CallGraphSlices() {}

  /**
   * A service of 100 requests with median latency {@code p50Ms} (p99 twice that) and these calls.
   */
  static ServiceSlice service(String name, double p50Ms, Map<String, CallFeatures> callees) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    service.traces.requests = 100;
    service.traces.spans = 100;
    service.traces.latencyP50Ms = p50Ms;
    service.traces.latencyP99Ms = 2 * p50Ms;
    service.traces.callees.putAll(callees);
    return service;
  }

  /** {@code calls} client calls averaging {@code meanMs}. */
  static CallFeatures call(long calls, double meanMs) {
    CallFeatures call = new CallFeatures();
    call.calls = calls;
    call.meanMs = meanMs;
    return call;
  }

  /** A window of system "shop" holding the services in name order. */
  static RuntimeSlice slice(Map<String, ServiceSlice> services) {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    services.values().stream()
        .sorted(Comparator.comparing(s -> s.service))
        .forEach(slice.services::add);
    return slice;
  }
}
