package dev.runtimeslicer.model.slice;

import java.util.Locale;

/** The six OpenTelemetry severity ranges, plus one for records that state none. */
public enum LogSeverity {
  UNSPECIFIED,
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR,
  FATAL;

  private static final LogSeverity[] VALUES = values();
  private static final int NUMBERS_PER_RANGE = 4;

  /** Severity from the OTLP severity number (1-24), else from its text, else UNSPECIFIED. */
  public static LogSeverity of(int severityNumber, String severityText) {
    if (severityNumber >= 1 && severityNumber <= 24) {
      return VALUES[1 + (severityNumber - 1) / NUMBERS_PER_RANGE];
    }
    if (severityText == null || severityText.isEmpty()) {
      return UNSPECIFIED;
    }
    String text = severityText.toUpperCase(Locale.ROOT);
    if (text.startsWith("WARN")) {
      return WARN;
    }
    if (text.startsWith("ERR") || text.equals("SEVERE") || text.equals("CRITICAL")) {
      return text.equals("CRITICAL") ? FATAL : ERROR;
    }
    for (LogSeverity severity : VALUES) {
      if (text.startsWith(severity.name())) {
        return severity;
      }
    }
    return UNSPECIFIED;
  }
}
