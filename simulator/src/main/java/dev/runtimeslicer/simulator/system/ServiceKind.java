package dev.runtimeslicer.simulator.system;

import java.util.Locale;

/** The role of a service; decides which faults fit it (slow_database needs a database or cache). */
public enum ServiceKind {
  SERVICE,
  GATEWAY,
  DATABASE,
  CACHE;

  /** Parses the lower-case kind; null means service. */
  public static ServiceKind parse(String text, String where) {
    if (text == null) {
      return SERVICE;
    }
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          where + ": unknown kind '" + text + "', use service, gateway, database or cache");
    }
  }

  /** Whether the service stores data (a target for slow_database). */
  public boolean isStorage() {
    return this == DATABASE || this == CACHE;
  }

  /** Lower-case name as written in system files. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
