package dev.runtimeslicer.model.task;

/** One deviating feature behind an alert: where, what, its normal and its current value. */
public class AlertEvidence {
  /** metrics, traces or logs. */
  public String modality;

  public String service;

  /** The feature in plain terms, e.g. "latency p99 (ms)" or a metric series name. */
  public String feature;

  /** Typical value in this runtime state. */
  public double normal;

  /** Value in the alert's window. */
  public double current;

  public AlertEvidence() {}

  public AlertEvidence(
      String modality, String service, String feature, double normal, double current) {
    this.modality = modality;
    this.service = service;
    this.feature = feature;
    this.normal = normal;
    this.current = current;
  }

  /** One line for people, e.g. "traces checkout: latency p99 (ms) 1250 (normal 80)". */
  public String text() {
    return modality
        + " "
        + service
        + ": "
        + feature
        + " "
        + format(current)
        + " (normal "
        + format(normal)
        + ")";
  }

  private static String format(double value) {
    if (Math.abs(value) >= 100 || value == Math.rint(value)) {
      return String.format(java.util.Locale.ROOT, "%.0f", value);
    }
    return String.format(java.util.Locale.ROOT, "%.3g", value);
  }
}
