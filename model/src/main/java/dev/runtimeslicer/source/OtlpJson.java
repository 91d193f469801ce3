package dev.runtimeslicer.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.JsonToken;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.io.StringWriter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * OTLP/JSON codec: protobuf's JsonFormat plus the two places where OTLP/JSON departs from the
 * canonical protobuf JSON mapping, namely trace and span ids written as hex instead of base64.
 *
 * <p>JsonFormat does everything else the OTLP spec asks (lowerCamelCase names, int64 as strings,
 * enums as integers, unknown fields ignored), so only the id fields are rewritten here, in one
 * streaming pass that copies every other token untouched.
 */
public final class OtlpJson {

  private static final Set<String> ID_FIELDS = Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");
  /** Bare NaN and Infinity are not JSON, but common in hand-converted data; they are read and re-quoted. */
  private static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace().printingEnumsAsInts();

  private OtlpJson() {}

  /** Parses one OTLP/JSON document into {@code builder}; ids may be hex (OTLP) or base64 (protobuf). */
  public static void merge(String json, Message.Builder builder) throws InvalidProtocolBufferException {
    PARSER.merge(rewriteIds(json, true), builder);
  }

  /** Prints a message as one line of OTLP/JSON, ids in hex as the OTLP spec requires. */
  public static String print(Message message) {
    try {
      return rewriteIds(PRINTER.print(message), false);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("cannot print " + message.getDescriptorForType().getFullName() + " as JSON", e);
    }
  }

  private static String rewriteIds(String json, boolean hexToBase64) throws InvalidProtocolBufferException {
    StringWriter out = new StringWriter(json.length() + 64);
    try (JsonParser parser = JSON.createParser(json);
        JsonGenerator generator = JSON.createGenerator(out)) {
      String field = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          field = parser.currentName();
          generator.writeFieldName(field);
        } else if (token == JsonToken.VALUE_STRING && field != null && ID_FIELDS.contains(field)
            && parser.getParsingContext().inObject()) {
          String value = parser.getText();
          generator.writeString(hexToBase64 ? hexIdToBase64(value) : base64IdToHex(value));
        } else if (token == JsonToken.VALUE_NUMBER_FLOAT && parser.isNaN()) {
          generator.writeString(parser.getText()); // protobuf's JSON form of NaN and Infinity
        } else {
          generator.copyCurrentEvent(parser);
        }
        if (token != JsonToken.FIELD_NAME) {
          field = null;
        }
      }
    } catch (IOException e) {
      throw new InvalidProtocolBufferException("malformed JSON: " + e.getMessage());
    }
    return out.toString();
  }

  /** Hex ids have 32 (trace) or 16 (span) hex digits; anything else is taken as base64 already. */
  private static String hexIdToBase64(String value) throws InvalidProtocolBufferException {
    if (value.isEmpty() || !isHexId(value)) {
      return value;
    }
    return Base64.getEncoder().encodeToString(HexFormat.of().parseHex(value));
  }

  private static String base64IdToHex(String value) {
    return value.isEmpty() ? value : HexFormat.of().formatHex(Base64.getDecoder().decode(value));
  }

  private static boolean isHexId(String value) {
    if (value.length() != 32 && value.length() != 16) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.digit(value.charAt(i), 16) < 0) {
        return false;
      }
    }
    return true;
  }
}
