package dev.runtimeslicer.model.slice;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a log body into the token list a template miner clusters: the message field of a structured
 * (JSON) body, with values that are obviously variables (numbers, ids, addresses) masked up front,
 * as Drain-style parsers do, so templates form after few examples.
 */
public final class LogMessageNormalizer {

  /** The token that stands for a variable position in a template. */
  public static final String WILDCARD = "<*>";

  private static final Set<String> MESSAGE_FIELDS = Set.of("message", "msg", "log", "text");
  private static final JsonFactory JSON = new JsonFactory();
  private static final Pattern VARIABLE =
      Pattern.compile(
          "(?i)^(?:"
              + "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}" // UUID
              + "|(?:\\d{1,3}\\.){3}\\d{1,3}(?::\\d+)?" // IPv4[:port]
              + "|0x[0-9a-f]+" // hex literal
              + "|[0-9a-f]{16,}" // trace/span ids, hashes
              + "|[-+]?\\d+(?:[.,:]\\d+)*(?:ms|s|us|ns|b|kb|mb|gb|%)?" // numbers, durations, sizes
              + ")[,;.:]?$");
  private static final int INITIAL_TOKENS = 16;

  private final int maxTokens;

  public LogMessageNormalizer(int maxTokens) {
    this.maxTokens = maxTokens;
  }

  /** Tokens of the body's message, variables replaced by {@link #WILDCARD}. */
  public List<String> tokens(String body) {
    String message = messageOf(body.strip());
    List<String> tokens = new ArrayList<>(Math.min(INITIAL_TOKENS, maxTokens));
    // split on whitespace and '=' by hand: this runs for every log record, and a regex split
    // showed up as the top cost of the pane aggregation benchmark
    int length = message.length();
    int start = -1;
    for (int i = 0; i <= length && tokens.size() < maxTokens; i++) {
      boolean separator = i == length || isSeparator(message.charAt(i));
      if (separator && start >= 0) {
        String token = message.substring(start, i);
        tokens.add(isVariable(token) ? WILDCARD : token);
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return tokens;
  }

  private static boolean isSeparator(char c) {
    return c == '=' || Character.isWhitespace(c);
  }

  /** A token with digits is a variable when digits dominate it or it has a known variable shape. */
  private static boolean isVariable(String token) {
    int digits = 0;
    for (int i = 0; i < token.length(); i++) {
      if (Character.isDigit(token.charAt(i))) {
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    return digits * 2 >= token.length() || VARIABLE.matcher(token).matches();
  }

  /** The message of a JSON body ({"message": ...} and the like); other bodies as they are. */
  private static String messageOf(String body) {
    if (body.length() < 2 || body.charAt(0) != '{') {
      return body;
    }
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return body;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken value = parser.nextToken();
        if (value == JsonToken.VALUE_STRING && MESSAGE_FIELDS.contains(field)) {
          return parser.getText();
        }
        parser.skipChildren();
      }
      return body;
    } catch (IOException e) {
      return body; // not JSON after all: cluster the raw text
    }
  }
}
