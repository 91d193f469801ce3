package dev.runtimeslicer.model.slice;

/**
 * Test fixture shared by the modules' tests: a metric series that held one value through a window.
 */
public final class SteadySeries {

  /** Points of a 60 s window exported every 10 s. */
  public static final long POINTS = 6;

  private SteadySeries() {}

  /** A series whose every point in the window was {@code value}. */
  public static MetricFeatures of(double value) {
    MetricFeatures metric = new MetricFeatures();
    metric.last = value;
    metric.mean = value;
    metric.min = value;
    metric.max = value;
    metric.count = POINTS;
    return metric;
  }
}
