package dev.runtimeslicer.model.slice;

import java.util.Map;
import java.util.TreeMap;

/** A service's log records in a window: counts per severity and per log template. */
public class LogFeatures {
  public long total;

  /** Per {@link LogSeverity} name; only severities that occurred. */
  public Map<String, Long> severities = new TreeMap<>();

  /** Per template text (wildcards {@code <*>} for variable parts). */
  public Map<String, Long> templates = new TreeMap<>();

  public LogFeatures() {}
}
