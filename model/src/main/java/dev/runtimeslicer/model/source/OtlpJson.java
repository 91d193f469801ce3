package dev.runtimeslicer.model.source;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * OTLP/JSON codec. OTLP/JSON is protobuf's canonical JSON mapping (lowerCamelCase names, int64 as
 * strings, enums as integers, unknown fields ignored) with one exception: trace and span ids are
 * hex instead of base64.
 *
 * <p>Printing is hand-written ({@link OtlpJsonPrinter}) rather than protobuf's {@code JsonFormat}:
 * JsonFormat prints ids as base64, so its output needed a second pass rewriting them, and the two
 * together cost ~8 µs per span, far too slow for the telemetry simulator's target of 200k spans/s
 * on two cores. Parsing still uses JsonFormat, after one streaming pass that turns hex ids back
 * into base64.
 */
public final class OtlpJson {

  private static final Set<String> ID_FIELDS = OtlpJsonPrinter.ID_FIELDS;

  /**
   * Bare NaN and Infinity are not JSON, but common in hand-converted data; they are read and
   * re-quoted.
   */
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace().printingEnumsAsInts();

  private OtlpJson() {}

  /**
   * Parses one OTLP/JSON document into {@code builder}; ids may be hex (OTLP) or base64 (protobuf).
   */
  public static void merge(String json, Message.Builder builder)
      throws InvalidProtocolBufferException {
    PARSER.merge(rewriteIds(json, true), builder);
  }

  /** Prints a message as one line of OTLP/JSON, ids in hex as the OTLP spec requires. */
  public static String print(Message message) {
    return new String(printUtf8(message), StandardCharsets.UTF_8);
  }

  /** {@link #print(Message)} as UTF-8 bytes. */
  public static byte[] printUtf8(Message message) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256 + 2 * message.getSerializedSize());
    try {
      write(message, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }

  /**
   * Writes a message as OTLP/JSON in UTF-8 to {@code out} (no line break; {@code out} is not
   * closed).
   */
  public static void write(Message message, OutputStream out) throws IOException {
    if (!OtlpJsonPrinter.supports(message.getDescriptorForType())) {
      out.write(printWithJsonFormat(message).getBytes(StandardCharsets.UTF_8));
      return;
    }
    byte[] encoded = message.toByteArray();
    try (JsonGenerator generator = JSON.createGenerator(out, JsonEncoding.UTF8)) {
      generator.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      generator.disable(
          JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT); // a failure must not look like a document
      OtlpJsonPrinter.print(message.getDescriptorForType(), encoded, generator);
    }
  }

  /** The general but slow path, for messages with map fields or well-known types (none in OTLP). */
  private static String printWithJsonFormat(Message message) {
    try {
      return rewriteIds(PRINTER.print(message), false);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          "cannot print " + message.getDescriptorForType().getFullName() + " as JSON", e);
    }
  }

  private static String rewriteIds(String json, boolean hexToBase64)
      throws InvalidProtocolBufferException {
    StringWriter out = new StringWriter(json.length() + 64);
    try (JsonParser parser = JSON.createParser(json);
        JsonGenerator generator = JSON.createGenerator(out)) {
      String field = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        if (token == JsonToken.FIELD_NAME) {
          field = parser.currentName();
          generator.writeFieldName(field);
        } else if (token == JsonToken.VALUE_STRING
            && field != null
            && ID_FIELDS.contains(field)
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
