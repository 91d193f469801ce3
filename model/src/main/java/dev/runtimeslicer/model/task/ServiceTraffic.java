package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One service's recent calm traffic: its requests with the time they spent in the service itself,
 * each operation, its calls per callee as it timed them, and its log templates. A Flink POJO inside
 * {@link RecentTraffic}.
 */
public class ServiceTraffic {

  /** Below this weighted count per window a key is forgotten. */
  static final double FADED = 1e-3;

  /**
   * Requests (count), their errors, and the mean time per request spent outside calls ({@link
   * #selfMs}).
   */
  public TrafficNormal self = new TrafficNormal();

  public Map<String, TrafficNormal> operations = new HashMap<>();
  public Map<String, TrafficNormal> calls = new HashMap<>();

  /** Per log template its count per window. */
  public Map<String, TrafficNormal> templates = new HashMap<>();

  public ServiceTraffic() {}

  /**
   * Moves every normal of this service towards one window ({@code service} null: it sent nothing).
   */
  void update(ServiceSlice service, double weight, TrafficContrastSettings settings) {
    boolean traced = service != null && service.traces != null;
    long requests = traced ? service.traces.requests : 0;
    self.update(
        weight,
        requests,
        traced ? service.traces.errors : 0,
        requests >= settings.minCount() ? selfMs(service) : Double.NaN,
        settings.floorMs(self.meanMs));
    Map<String, OperationFeatures> ops = traced ? service.traces.operations : Map.of();
    for (Map.Entry<String, OperationFeatures> op : ops.entrySet()) {
      operations.computeIfAbsent(op.getKey(), k -> new TrafficNormal());
    }
    for (Map.Entry<String, TrafficNormal> normal : operations.entrySet()) {
      OperationFeatures op = ops.get(normal.getKey());
      TrafficNormal n = normal.getValue();
      n.update(
          weight,
          op == null ? 0 : op.count,
          op == null ? 0 : op.errors,
          op != null && op.count >= settings.minCount() ? op.meanMs : Double.NaN,
          settings.floorMs(n.meanMs));
    }
    Map<String, CallFeatures> callees = traced ? service.traces.callees : Map.of();
    for (Map.Entry<String, CallFeatures> call : callees.entrySet()) {
      calls.computeIfAbsent(call.getKey(), k -> new TrafficNormal());
    }
    for (Map.Entry<String, TrafficNormal> normal : calls.entrySet()) {
      CallFeatures call = callees.get(normal.getKey());
      TrafficNormal n = normal.getValue();
      n.update(
          weight,
          call == null ? 0 : call.calls,
          call == null ? 0 : call.errors,
          call != null && call.calls >= settings.minCount() && call.meanMs > 0
              ? call.meanMs
              : Double.NaN,
          settings.floorMs(n.meanMs));
    }
    Map<String, Long> logged =
        service != null && service.logs != null ? service.logs.templates : Map.of();
    for (String template : logged.keySet()) {
      templates.computeIfAbsent(template, k -> new TrafficNormal());
    }
    for (Map.Entry<String, TrafficNormal> normal : templates.entrySet()) {
      Long count = logged.get(normal.getKey());
      normal
          .getValue()
          .update(weight, count == null ? 0 : count, 0, Double.NaN, settings.minSpreadMs());
    }
    forgetFaded(settings.maxTemplates());
  }

  /** Whether the service has left nothing worth remembering. */
  boolean faded() {
    return self.faded(FADED) && operations.isEmpty() && calls.isEmpty() && templates.isEmpty();
  }

  private void forgetFaded(int maxTemplates) {
    operations.values().removeIf(n -> n.faded(FADED));
    calls.values().removeIf(n -> n.faded(FADED));
    templates.values().removeIf(n -> n.faded(FADED));
    if (templates.size() > maxTemplates) {
      // A chatty service's templates are bounded: the rarest say least about what is normal.
      List<Map.Entry<String, TrafficNormal>> byCount = new ArrayList<>(templates.entrySet());
      byCount.sort(Comparator.comparingDouble(e -> e.getValue().count));
      for (int i = 0; i < byCount.size() - maxTemplates; i++) {
        templates.remove(byCount.get(i).getKey());
      }
    }
  }

  /**
   * Mean time per request a service spent outside its calls to other services: its requests' total
   * duration less the total duration of its calls, per request, at least 0 (calls made in parallel
   * can add up to more than the request). A service slowed by its own work (cpu, a lock, garbage
   * collection) shows here; one slowed only by waiting on a callee does not. NaN without requests.
   */
  static double selfMs(ServiceSlice service) {
    if (service.traces == null || service.traces.requests <= 0) {
      return Double.NaN;
    }
    double requestsMs = 0;
    long counted = 0;
    for (OperationFeatures op : service.traces.operations.values()) {
      requestsMs += op.count * op.meanMs;
      counted += op.count;
    }
    if (counted <= 0) {
      return Double.NaN;
    }
    double callsMs = 0;
    for (CallFeatures call : service.traces.callees.values()) {
      callsMs += call.calls * call.meanMs;
    }
    return Math.max(0, requestsMs - callsMs) / counted;
  }
}
