package dev.runtimeslicer.model.slice;

/** Last, mean, min, max and count of one metric series in a window. */
public class MetricFeatures {
  public double last;
  public double mean;
  public double min;
  public double max;
  public long count;

  public MetricFeatures() {}
}
