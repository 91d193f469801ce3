package dev.runtimeslicer.model.source;

import com.google.protobuf.ByteString;
import dev.runtimeslicer.model.telemetry.SpanRecord;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** OTLP attribute values as the flatteners keep them: text, numbers, ids and series keys. */
final class OtlpValues {

  private static final HexFormat HEX = HexFormat.of();

  private OtlpValues() {}

  /** {@code value} cut to the longest attribute text {@code settings} keep. */
  static String cut(DecoderSettings settings, String value) {
    return value.length() > settings.maxAttributeLength()
        ? value.substring(0, settings.maxAttributeLength())
        : value;
  }

  /**
   * A metric series' key: its name and suffix, then its attributes sorted by key; cut like any
   * attribute text.
   */
  static String metricKey(
      DecoderSettings settings, String name, String suffix, List<KeyValue> attributes) {
    if (attributes.isEmpty()) {
      return suffix.isEmpty() ? name : name + suffix;
    }
    List<KeyValue> sorted = attributes;
    if (attributes.size() > 1) {
      sorted = new ArrayList<>(attributes);
      sorted.sort((a, b) -> a.getKey().compareTo(b.getKey()));
    }
    StringBuilder key = new StringBuilder(name).append(suffix).append('{');
    for (int i = 0; i < sorted.size(); i++) {
      if (i > 0) {
        key.append(',');
      }
      key.append(sorted.get(i).getKey()).append('=').append(stringOf(sorted.get(i).getValue()));
    }
    return cut(settings, key.append('}').toString());
  }

  static String firstNonBlank(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return "";
  }

  static String hex(ByteString bytes) {
    return bytes.isEmpty() ? "" : HEX.formatHex(bytes.toByteArray());
  }

  /** Big-endian bits of id bytes [from, to); ids longer than 8 bytes fold into the low bits. */
  static long idBits(ByteString id, int from, int to) {
    long bits = 0;
    for (int i = Math.max(0, from); i < to; i++) {
      bits = (bits << Byte.SIZE) | (id.byteAt(i) & 0xFF);
    }
    return bits;
  }

  static int intOf(AnyValue value) {
    return switch (value.getValueCase()) {
      case INT_VALUE -> (int) value.getIntValue();
      case DOUBLE_VALUE -> (int) value.getDoubleValue();
      case STRING_VALUE -> parseIntOr(value.getStringValue(), SpanRecord.NO_CODE);
      default -> SpanRecord.NO_CODE;
    };
  }

  static int parseIntOr(String text, int fallback) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static String stringOf(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      default -> render(value);
    };
  }

  /**
   * Bytes of a binary value rendered as hex; twice this many characters is more than log bodies
   * keep by default.
   */
  static final int MAX_RENDERED_BYTES = 4096;

  /** Renders any OTLP value as text; structured bodies become {@code key=value} pairs. */
  static String render(AnyValue value) {
    return switch (value.getValueCase()) {
      case STRING_VALUE -> value.getStringValue();
      case INT_VALUE -> Long.toString(value.getIntValue());
      case DOUBLE_VALUE -> Double.toString(value.getDoubleValue());
      case BOOL_VALUE -> Boolean.toString(value.getBoolValue());
      // as hex, at most what a cut log body keeps: a megabyte of binary must not become two
      // megabytes of text first
      case BYTES_VALUE ->
          HEX.formatHex(
              value
                  .getBytesValue()
                  .substring(0, Math.min(value.getBytesValue().size(), MAX_RENDERED_BYTES))
                  .toByteArray());
      case ARRAY_VALUE -> {
        StringBuilder text = new StringBuilder("[");
        for (AnyValue element : value.getArrayValue().getValuesList()) {
          text.append(text.length() > 1 ? " " : "").append(render(element));
        }
        yield text.append(']').toString();
      }
      case KVLIST_VALUE -> {
        StringBuilder text = new StringBuilder();
        for (KeyValue pair : value.getKvlistValue().getValuesList()) {
          text.append(text.length() > 0 ? " " : "")
              .append(pair.getKey())
              .append('=')
              .append(render(pair.getValue()));
        }
        yield text.toString();
      }
      default -> "";
    };
  }
}
