package dev.runtimeslicer.model.task;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Which service of a system a log template names, as a whole word: "Connection refused: cart:7070"
 * names cart, "cartservice started" does not. Longer names are tried first, so
 * "social-graph-service" is not read as "social-graph". Immutable.
 */
final class ServiceMentions {

  private final List<String> longestFirst;

  ServiceMentions(Collection<String> services) {
    longestFirst = new ArrayList<>(services);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed().thenComparing(s -> s));
  }

  /**
   * The first service other than {@code self} that {@code text} names, longest names first; null
   * when none.
   */
  String other(String text, String self) {
    for (String service : longestFirst) {
      if (!service.equals(self) && names(text, service)) {
        return service;
      }
    }
    return null;
  }

  /** Whether {@code service} occurs in {@code text} with no name character on either side. */
  static boolean names(String text, String service) {
    for (int at = text.indexOf(service); at >= 0; at = text.indexOf(service, at + 1)) {
      int end = at + service.length();
      if ((at == 0 || !nameChar(text.charAt(at - 1)))
          && (end == text.length() || !nameChar(text.charAt(end)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean nameChar(char c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_';
  }
}
