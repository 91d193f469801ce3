package dev.runtimeslicer.model.telemetry;

/** The three OpenTelemetry signals a runtime slice aligns. */
public enum Signal {
  METRIC,
  SPAN,
  LOG
}
