package dev.runtimeslicer.simulator.system;

import java.util.Locale;

/**
 * How a system's metrics are named on the wire. Real systems differ here: services instrumented
 * with OpenTelemetry follow its semantic conventions, while many clusters are scraped from
 * Prometheus exporters (cAdvisor, kube-state-metrics, Micrometer) by the Collector, which keeps
 * their names and splits directions into metrics of their own. A model that only ever saw one
 * convention learns the names, not the behaviour.
 */
public enum MetricNaming {
  /**
   * OpenTelemetry semantic conventions: {@code container.cpu.utilization}, direction attributes.
   */
  OTEL,
  /**
   * Prometheus exporters as the Collector's Prometheus receiver passes them on: {@code
   * container_memory_working_set_bytes}, {@code container_network_receive_bytes_total}, {@code
   * http_server_requests_seconds}; restarts as kube-state-metrics' counter.
   */
  PROMETHEUS;

  /** Parses the lower-case id of a system file; null is {@link #OTEL}. */
  public static MetricNaming parse(String text, String where) {
    if (text == null) {
      return OTEL;
    }
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": unknown metricNaming '" + text + "', use otel or prometheus");
    }
  }

  /** The lower-case id written in system files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code otel} under the OpenTelemetry conventions, else {@code prometheus}. */
  public String name(String otel, String prometheus) {
    return this == OTEL ? otel : prometheus;
  }
}
