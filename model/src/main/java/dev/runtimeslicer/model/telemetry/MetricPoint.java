package dev.runtimeslicer.model.telemetry;

/**
 * One numeric observation of a metric series, flattened from any OTLP point type.
 *
 * <p>The name carries the series identity: the OTLP metric name, a suffix for values derived from
 * histograms and summaries (":mean", ":count", ":p50", ...), and the data point attributes. A Flink
 * POJO: public no-argument constructor and public fields.
 */
public class MetricPoint {
  public String name;
  public double value;

  public MetricPoint() {}

  public MetricPoint(String name, double value) {
    this.name = name;
    this.value = value;
  }

  @Override
  public String toString() {
    return name + "=" + value;
  }
}
