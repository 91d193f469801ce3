package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.HashMap;
import java.util.Map;

/**
 * One system's recent calm traffic, per service ({@link ServiceTraffic}): what an incident's traces
 * and logs are compared with ({@link TrafficContrast}). Learned online from the windows that did
 * not alert, with no training and no labels, so a system never seen in tuning has it after a
 * warm-up. A Flink POJO kept per system in keyed state.
 */
public class RecentTraffic {

  public Map<String, ServiceTraffic> services = new HashMap<>();

  /** End of the last window learned; 0 before the first. */
  public long lastWindowEndMs;

  /** Calm telemetry learned so far, in ms of window ends. */
  public long learnedMs;

  public long windows;

  public RecentTraffic() {}

  /**
   * Learns one calm window: every known service's normals move towards it by a weight that grows
   * with the time since the last window learned ({@link TrafficContrastSettings#memoryMs}); while
   * few windows are in, they weigh as a plain average. Windows older than the last one learned are
   * skipped.
   */
  public void learn(RuntimeSlice slice, TrafficContrastSettings settings) {
    if (slice.windowEndMs <= lastWindowEndMs) {
      return;
    }
    long stepMs =
        lastWindowEndMs == 0
            ? 0
            : Math.min(slice.windowEndMs - lastWindowEndMs, settings.memoryMs());
    double weight =
        Math.max(1 - Math.exp(-(double) stepMs / settings.memoryMs()), 1.0 / (windows + 1));
    Map<String, ServiceSlice> present = new HashMap<>();
    for (ServiceSlice service : slice.services) {
      present.putIfAbsent(service.service, service);
      services.computeIfAbsent(service.service, s -> new ServiceTraffic());
    }
    for (Map.Entry<String, ServiceTraffic> service : services.entrySet()) {
      service.getValue().update(present.get(service.getKey()), weight, settings);
    }
    services.values().removeIf(ServiceTraffic::faded);
    learnedMs += stepMs;
    lastWindowEndMs = slice.windowEndMs;
    windows++;
  }

  /**
   * Whether enough calm telemetry has been learned to compare with ({@link
   * TrafficContrastSettings#warmUpMs}).
   */
  public boolean warm(TrafficContrastSettings settings) {
    return windows > 1 && learnedMs >= settings.warmUpMs();
  }

  /** The service's recent traffic, null when none was learned. */
  ServiceTraffic service(String service) {
    return services.get(service);
  }
}
