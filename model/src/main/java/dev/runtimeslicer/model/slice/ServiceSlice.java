package dev.runtimeslicer.model.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** One service's part of a runtime slice: its metric, trace and log features in the window. */
public class ServiceSlice {
  public String service;
  public List<String> instances = new ArrayList<>();

  /** Per metric series name. */
  public Map<String, MetricFeatures> metrics = new TreeMap<>();

  public TraceFeatures traces = new TraceFeatures();
  public LogFeatures logs = new LogFeatures();

  public ServiceSlice() {}
}
