package dev.runtimeslicer.model.slice;

/** Requests, errors and latency of one operation of a service in a window. */
public class OperationFeatures {
  public long count;
  public long errors;
  public double meanMs;
  public double maxMs;

  public OperationFeatures() {}
}
