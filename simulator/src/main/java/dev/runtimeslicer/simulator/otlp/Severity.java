package dev.runtimeslicer.simulator.otlp;

import io.opentelemetry.proto.logs.v1.SeverityNumber;

/** Log severities used by the simulator, with their OTLP numbers and texts. */
public enum Severity {
  DEBUG(SeverityNumber.SEVERITY_NUMBER_DEBUG),
  INFO(SeverityNumber.SEVERITY_NUMBER_INFO),
  WARN(SeverityNumber.SEVERITY_NUMBER_WARN),
  ERROR(SeverityNumber.SEVERITY_NUMBER_ERROR),
  FATAL(SeverityNumber.SEVERITY_NUMBER_FATAL);

  private final SeverityNumber number;

  Severity(SeverityNumber number) {
    this.number = number;
  }

  /** The OTLP severity number. */
  public SeverityNumber number() {
    return number;
  }
}
