package dev.runtimeslicer.model.slice;

/**
 * Calls from a service to one callee service in a window, how many failed, and how long they took
 * as the caller saw them (the caller's span): a delay on the way to the callee shows here while the
 * callee's own spans look normal.
 */
public class CallFeatures {
  public long calls;
  public long errors;

  /** Mean duration of the calls whose caller span was seen, in ms; 0 when none was. */
  public double meanMs;

  public CallFeatures() {}
}
