package dev.runtimeslicer.telemetry;

/** The three OpenTelemetry signals a runtime slice aligns. */
public enum Signal {
  METRIC,
  SPAN,
  LOG
}
