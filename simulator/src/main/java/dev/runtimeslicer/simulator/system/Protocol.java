package dev.runtimeslicer.simulator.system;

import java.util.Locale;

/** How a service is called; decides span attributes, status codes and metric names. */
public enum Protocol {
  HTTP,
  GRPC,
  DB;

  /** Parses "http", "grpc" or "db"; null means http. */
  public static Protocol parse(String text, String where) {
    if (text == null) {
      return HTTP;
    }
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": unknown protocol '" + text + "', use http, grpc or db");
    }
  }

  /** Lower-case name as written in system files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
