package dev.runtimeslicer.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A runtime slice: the metrics, traces and logs of every service of one system in one window
 * [windowStartMs, windowEndMs), aligned by event time. Everything downstream consumes these.
 *
 * <p>A Flink POJO (public fields, maps and lists of POJOs) and the JSON written to sinks.
 */
public class RuntimeSlice {
  public String system;
  public long windowStartMs;
  public long windowEndMs;
  /** Services in name order. */
  public List<ServiceSlice> services = new ArrayList<>();
  /** Records that did not fit a cardinality bound in this window's panes, by bound name. */
  public Map<String, Long> overflow = new TreeMap<>();

  public RuntimeSlice() {}

  /** The slice of {@code service}, or null when it had no data in this window. */
  public ServiceSlice service(String service) {
    for (ServiceSlice slice : services) {
      if (slice.service.equals(service)) {
        return slice;
      }
    }
    return null;
  }
}
