package dev.runtimeslicer.model.slice;

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

  /**
   * True when the window reaches outside the system's data: before its first data (the first
   * windows after a system appears or the job starts) or, at the end of a bounded input, past its
   * last data. Such a window looks like an outage; detection and training skip it.
   */
  public boolean partial;

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
