package dev.runtimeslicer.simulator.system;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses short durations such as {@code 90s}, {@code 30m}, {@code 6h}, {@code 1d} or {@code 1h30m}.
 */
public final class DurationText {

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private DurationText() {}

  /** The duration, or an IllegalArgumentException saying what is accepted. */
  public static Duration parse(String text) {
    String trimmed = text == null ? "" : text.trim();
    Matcher matcher = PART.matcher(trimmed);
    Duration total = Duration.ZERO;
    int position = 0;
    while (matcher.find() && matcher.start() == position) {
      long amount = Long.parseLong(matcher.group(1));
      total =
          total.plus(
              switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
              });
      position = matcher.end();
    }
    if (trimmed.isEmpty() || position != trimmed.length()) {
      throw new IllegalArgumentException(
          "bad duration '"
              + text
              + "': write a number with a unit s, m, h or d, "
              + "e.g. 90s, 30m, 6h, 1d or 1h30m");
    }
    return total;
  }
}
