package dev.runtimeslicer.model.embedding;

import java.util.Locale;

/**
 * A telemetry name as words for a sentence-embedding model: {@code
 * container_cpu_usage_seconds_total} becomes "container cpu usage seconds total", {@code
 * k8s.pod.cpu.time} "k8s pod cpu time" and {@code getCartItems} "get cart items". Separators of
 * naming conventions (snake case, dots, dashes, slashes, colons) and camel case humps become
 * spaces; log templates keep their words.
 */
public final class NameText {

  private NameText() {}

  /** The words of {@code name}, lower case, single spaces. */
  public static String words(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    char previous = ' ';
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean separator = c == '_' || c == '.' || c == '-' || c == '/' || c == ':';
      if (separator || Character.isWhitespace(c)) {
        c = ' ';
      } else if (Character.isUpperCase(c) && Character.isLowerCase(previous) && out.length() > 0) {
        out.append(' ');
      }
      if (c != ' ' || (out.length() > 0 && out.charAt(out.length() - 1) != ' ')) {
        out.append(c);
      }
      previous = name.charAt(i);
    }
    int end = out.length();
    while (end > 0 && out.charAt(end - 1) == ' ') {
      end--;
    }
    return out.substring(0, end).toLowerCase(Locale.ROOT);
  }
}
