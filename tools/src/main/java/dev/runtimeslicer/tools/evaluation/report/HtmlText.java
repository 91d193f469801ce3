package dev.runtimeslicer.tools.evaluation.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.commons.text.StringEscapeUtils;

/** Escaping and number and time formatting for the report's HTML and SVG. */
final class HtmlText {

  /** Shown for a value a method does not have. */
  static final String MISSING = "–";

  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

  private HtmlText() {}

  /**
   * Text safe inside elements and quoted attributes of HTML and of the inline SVG. The XML rules
   * are the stricter of the two: they also drop control characters that telemetry may carry.
   */
  static String escape(String text) {
    return text == null ? "" : StringEscapeUtils.escapeXml10(text);
  }

  /** {@code value} with {@code decimals} decimals, or {@link #MISSING} when it is not a number. */
  static String number(double value, int decimals) {
    return Double.isFinite(value)
        ? String.format(Locale.ROOT, "%." + decimals + "f", value)
        : MISSING;
  }

  /** A coordinate in the SVG, one decimal. */
  static String coordinate(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** Epoch milliseconds as a UTC date and time. */
  static String dateTime(long epochMs) {
    return DATE_TIME.format(Instant.ofEpochMilli(epochMs)) + " UTC";
  }

  /** Epoch milliseconds as a UTC clock time, hours and minutes. */
  static String clock(long epochMs) {
    return CLOCK.format(Instant.ofEpochMilli(epochMs));
  }
}
