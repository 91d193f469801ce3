package dev.runtimeslicer.model.telemetry;

/** The fields of one OTLP log record that slices use. A Flink POJO. */
public class LogRecord {
  public int severityNumber;
  public String severityText = "";
  public String body = "";
  public String traceId = "";

  public LogRecord() {}
}
