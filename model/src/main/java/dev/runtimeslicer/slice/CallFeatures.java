package dev.runtimeslicer.slice;

/** Calls from a service to one callee service in a window, and how many failed. */
public class CallFeatures {
  public long calls;
  public long errors;

  public CallFeatures() {}
}
