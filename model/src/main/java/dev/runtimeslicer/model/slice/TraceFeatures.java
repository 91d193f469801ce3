package dev.runtimeslicer.model.slice;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A service's spans in a window: incoming requests with errors and latency quantiles, per operation
 * statistics, outgoing calls per callee, and exemplar trace ids of failing or slow requests.
 */
public class TraceFeatures {
  public long spans;
  public long requests;
  public long errors;
  public double latencyP50Ms;
  public double latencyP90Ms;
  public double latencyP99Ms;
  public Map<String, OperationFeatures> operations = new TreeMap<>();
  public Map<String, CallFeatures> callees = new TreeMap<>();
  public List<String> exemplarTraceIds = new ArrayList<>();

  public TraceFeatures() {}
}
