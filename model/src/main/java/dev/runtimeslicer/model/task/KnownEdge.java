package dev.runtimeslicer.model.task;

import java.io.Serializable;

/**
 * A call path an operator declares (configuration {@code localization.known-edges}): it joins the
 * service graph of its system even before the traces show it, e.g. a dependency used only on rare
 * paths, so an alert's graph shows it.
 *
 * @param system the system it belongs to; null: every system whose graph has the caller or callee
 * @param caller the calling service
 * @param callee the called service
 */
public record KnownEdge(String system, String caller, String callee) implements Serializable {

  private static final String ARROW = "->";

  public KnownEdge {
    if (caller == null || caller.isBlank() || callee == null || callee.isBlank()) {
      throw new IllegalArgumentException(
          "a known edge needs a caller and a callee, got '" + caller + "' -> '" + callee + "'");
    }
  }

  /**
   * Parses {@code caller->callee} or {@code system:caller->callee}.
   *
   * @throws IllegalArgumentException naming the expected form when {@code text} is not one
   */
  public static KnownEdge parse(String text) {
    int arrow = text.indexOf(ARROW);
    if (arrow < 0 || text.indexOf(ARROW, arrow + ARROW.length()) >= 0) {
      throw new IllegalArgumentException(
          "known edge '"
              + text
              + "' is not caller->callee or system:caller->callee, e.g. checkout->payment");
    }
    String left = text.substring(0, arrow).trim();
    String callee = text.substring(arrow + ARROW.length()).trim();
    int colon = left.indexOf(':');
    String system = colon < 0 ? null : left.substring(0, colon).trim();
    String caller = colon < 0 ? left : left.substring(colon + 1).trim();
    if (system != null && system.isEmpty()) {
      throw new IllegalArgumentException(
          "known edge '" + text + "' has an empty system before ':'");
    }
    return new KnownEdge(system, caller, callee);
  }

  /**
   * Whether it belongs to {@code system}'s graph by name (the services are checked by the graph).
   */
  boolean appliesTo(String system) {
    return this.system == null || this.system.equals(system);
  }

  @Override
  public String toString() {
    return (system == null ? "" : system + ":") + caller + ARROW + callee;
  }
}
