package dev.runtimeslicer.model.source;

import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Streams a protobuf message as OTLP/JSON, reading the message's own binary encoding and naming and
 * typing every field from its descriptor.
 *
 * <p>Why hand-written: protobuf's {@code JsonFormat} prints bytes, and therefore trace and span
 * ids, as base64 where OTLP/JSON wants hex, so its output needed a second JSON pass; together they
 * cost about 8 µs per span, several times the simulator's budget. Walking the binary encoding
 * avoids both reflection (one boxed call per field) and intermediate strings: string fields are
 * copied to the output as the UTF-8 bytes they already are, ids are hex-encoded straight from the
 * buffer, and field names are pre-quoted once per descriptor.
 *
 * <p>The binary encoding carries exactly the proto3 JSON presence rules: scalars equal to their
 * default, empty repeated fields and unset messages are not encoded, while set oneof members and
 * set {@code optional} fields are, even when zero. Protobuf writes fields in field-number order
 * with the elements of a repeated field together (packed or not), which is also the order {@code
 * JsonFormat} prints them in, so each field becomes one JSON member; unknown fields come last and
 * are skipped, as {@code JsonFormat} does.
 *
 * <p>The mapping: json names (lowerCamelCase), 64-bit integers as decimal strings (unsigned where
 * the type is), other integers and enums as numbers, doubles and floats as numbers or the strings
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, bytes as base64 except OTLP ids, which
 * are lowercase hex. Messages that need more than that (map fields, groups, and the well-known
 * {@code google.protobuf} types with their own JSON forms) and closed (proto2) enums, whose unknown
 * values protobuf keeps among the unknown fields) are reported by {@link #supports} so the caller
 * can use {@code JsonFormat} for them; OTLP has none.
 */
final class OtlpJsonPrinter {

  /** Bytes fields printed as hex: OTLP trace and span ids in spans, links, logs and exemplars. */
  static final Set<String> ID_FIELDS =
      Set.of("traceId", "spanId", "parentSpanId", "trace_id", "span_id", "parent_span_id");

  private static final int VARINT = 0;
  private static final int FIXED64 = 1;
  private static final int LENGTH_DELIMITED = 2;
  private static final int START_GROUP = 3;
  private static final int END_GROUP = 4;
  private static final int FIXED32 = 5;

  /** Larger field numbers are looked up in a map instead of an array indexed by number. */
  private static final int MAX_DENSE_NUMBER = 1024;

  private static final byte[] HEX =
      "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private static final Map<Descriptor, MessagePlan> PLANS = new ConcurrentHashMap<>();
  private static final Map<Descriptor, Boolean> SUPPORTED = new ConcurrentHashMap<>();

  private final JsonGenerator out;
  private final byte[] buf;
  private int pos;

  /** Scratch space for ids in hex and 64-bit integers in decimal. */
  private byte[] scratch = new byte[32];

  private OtlpJsonPrinter(JsonGenerator out, byte[] buf) {
    this.out = out;
    this.buf = buf;
  }

  /**
   * Whether messages of {@code type} can be printed here (no maps, groups or well-known types in
   * reach).
   */
  static boolean supports(Descriptor type) {
    Boolean known = SUPPORTED.get(type);
    if (known == null) {
      known = computeSupports(type);
      SUPPORTED.put(type, known);
    }
    return known;
  }

  /**
   * Prints the message of {@code type} whose binary encoding is {@code encoded} as one JSON object.
   */
  static void print(Descriptor type, byte[] encoded, JsonGenerator out) throws IOException {
    new OtlpJsonPrinter(out, encoded).message(plan(type), encoded.length);
  }

  private static boolean computeSupports(Descriptor root) {
    Set<Descriptor> seen = new HashSet<>();
    ArrayDeque<Descriptor> todo = new ArrayDeque<>();
    todo.add(root);
    seen.add(root);
    while (!todo.isEmpty()) {
      Descriptor type = todo.poll();
      if (type.getFullName().startsWith("google.protobuf.")) {
        return false;
      }
      for (FieldDescriptor field : type.getFields()) {
        if (field.isMapField()
            || field.getType() == FieldDescriptor.Type.GROUP
            || (field.getType() == FieldDescriptor.Type.ENUM && field.getEnumType().isClosed())) {
          return false;
        }
        if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE
            && seen.add(field.getMessageType())) {
          todo.add(field.getMessageType());
        }
      }
    }
    return true;
  }

  private static MessagePlan plan(Descriptor type) {
    MessagePlan plan = PLANS.get(type);
    if (plan == null) {
      plan = new MessagePlan(type);
      PLANS.putIfAbsent(type, plan);
    }
    return plan;
  }

  /** The fields of one message type, by field number, with their pre-quoted json names. */
  private static final class MessagePlan {
    private final String typeName;
    private final FieldPlan[] dense;
    private final Map<Integer, FieldPlan> sparse;

    MessagePlan(Descriptor type) {
      typeName = type.getFullName();
      int max = 0;
      for (FieldDescriptor field : type.getFields()) {
        max = Math.max(max, field.getNumber());
      }
      dense = new FieldPlan[Math.min(max, MAX_DENSE_NUMBER) + 1];
      sparse = new HashMap<>();
      for (FieldDescriptor field : type.getFields()) {
        FieldPlan plan = new FieldPlan(field);
        if (field.getNumber() <= MAX_DENSE_NUMBER) {
          dense[field.getNumber()] = plan;
        } else {
          sparse.put(field.getNumber(), plan);
        }
      }
    }

    FieldPlan field(int number) {
      return number < dense.length ? dense[number] : sparse.get(number);
    }
  }

  private static final class FieldPlan {
    final FieldDescriptor field;
    final FieldDescriptor.Type type;
    final SerializableString name;
    final boolean repeated;
    final boolean hexId;
    final int wireType;

    /**
     * Resolved on first use, so that recursive types (AnyValue, ArrayValue) need no cycle handling.
     */
    private MessagePlan nested;

    FieldPlan(FieldDescriptor field) {
      this.field = field;
      this.type = field.getType();
      this.name = new SerializedString(field.getJsonName());
      this.repeated = field.isRepeated();
      this.hexId = type == FieldDescriptor.Type.BYTES && ID_FIELDS.contains(field.getJsonName());
      this.wireType = wireType(type);
    }

    MessagePlan nested() {
      MessagePlan plan = nested;
      if (plan == null) {
        plan = plan(field.getMessageType());
        nested = plan;
      }
      return plan;
    }
  }

  private static int wireType(FieldDescriptor.Type type) {
    return switch (type) {
      case DOUBLE, FIXED64, SFIXED64 -> FIXED64;
      case FLOAT, FIXED32, SFIXED32 -> FIXED32;
      case STRING, BYTES, MESSAGE -> LENGTH_DELIMITED;
      case GROUP -> START_GROUP;
      default -> VARINT;
    };
  }

  private void message(MessagePlan plan, int end) throws IOException {
    out.writeStartObject();
    FieldPlan open = null;
    int lastNumber = 0;
    while (pos < end) {
      int tag = (int) varint();
      int number = tag >>> 3;
      int wireType = tag & 7;
      FieldPlan field = plan.field(number);
      boolean packed =
          field != null
              && field.repeated
              && wireType == LENGTH_DELIMITED
              && field.wireType != LENGTH_DELIMITED;
      if (field == null
          || (wireType != field.wireType && !packed)
          || (field != open && number <= lastNumber)) {
        // Not in the descriptor, or an unknown field that reuses a known number: protobuf writes
        // the known fields in number order first, and unknown fields after them.
        skip(wireType, number);
        continue;
      }
      if (field != open) {
        if (open != null) {
          out.writeEndArray();
          open = null;
        }
        lastNumber = number;
        out.writeFieldName(field.name);
        if (field.repeated) {
          out.writeStartArray();
          open = field;
        }
      }
      if (packed) {
        int packedEnd = length();
        while (pos < packedEnd) {
          value(field);
        }
        if (pos != packedEnd) {
          throw malformed(plan.typeName);
        }
      } else {
        value(field);
      }
    }
    if (pos != end) {
      throw malformed(plan.typeName);
    }
    if (open != null) {
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private void value(FieldPlan field) throws IOException {
    switch (field.type) {
      case DOUBLE -> number(Double.longBitsToDouble(fixed64()));
      case FLOAT -> number(Float.intBitsToFloat(fixed32()));
      case INT64 -> quoted(varint(), true);
      case UINT64 -> quoted(varint(), false);
      case FIXED64 -> quoted(fixed64(), false);
      case SFIXED64 -> quoted(fixed64(), true);
      case SINT64 -> {
        long raw = varint();
        quoted((raw >>> 1) ^ -(raw & 1), true);
      }
      case INT32, ENUM -> out.writeNumber((int) varint());
      case UINT32 -> out.writeNumber(Integer.toUnsignedLong((int) varint()));
      case FIXED32 -> out.writeNumber(Integer.toUnsignedLong(fixed32()));
      case SFIXED32 -> out.writeNumber(fixed32());
      case SINT32 -> {
        int raw = (int) varint();
        out.writeNumber((raw >>> 1) ^ -(raw & 1));
      }
      case BOOL -> out.writeBoolean(varint() != 0);
      case STRING -> {
        int end = length();
        out.writeUTF8String(buf, pos, end - pos);
        pos = end;
      }
      case BYTES -> {
        int end = length();
        if (field.hexId) {
          hex(end - pos);
        } else {
          out.writeBinary(Base64Variants.MIME_NO_LINEFEEDS, buf, pos, end - pos);
        }
        pos = end;
      }
      case MESSAGE -> {
        int end = length();
        message(field.nested(), end);
      }
      default ->
          throw new IllegalStateException(
              "unsupported field type " + field.type + " of " + field.field.getFullName());
    }
  }

  private void number(double value) throws IOException {
    if (Double.isNaN(value)) {
      out.writeString("NaN");
    } else if (Double.isInfinite(value)) {
      out.writeString(value > 0 ? "Infinity" : "-Infinity");
    } else {
      out.writeNumber(value);
    }
  }

  private void number(float value) throws IOException {
    if (Float.isNaN(value) || Float.isInfinite(value)) {
      number((double) value);
    } else {
      out.writeNumber(value);
    }
  }

  /** A 64-bit integer as a JSON string of decimal digits, as protobuf's JSON mapping wants it. */
  private void quoted(long value, boolean signed) throws IOException {
    byte[] digits = scratch(20);
    int at = digits.length;
    boolean negative = signed && value < 0;
    long rest = value;
    if (!signed && rest < 0) {
      long quotient = (rest >>> 1) / 5; // unsigned division by 10
      digits[--at] = (byte) ('0' + (rest - quotient * 10));
      rest = quotient;
    }
    do {
      digits[--at] = (byte) ('0' + Math.abs(rest % 10));
      rest /= 10;
    } while (rest != 0);
    if (negative) {
      digits[--at] = '-';
    }
    out.writeRawUTF8String(digits, at, digits.length - at);
  }

  private byte[] scratch(int length) {
    if (scratch.length < length) {
      scratch = new byte[length];
    }
    return scratch;
  }

  private void hex(int length) throws IOException {
    byte[] hex = scratch(2 * length);
    for (int i = 0; i < length; i++) {
      int b = buf[pos + i] & 0xff;
      hex[2 * i] = HEX[b >>> 4];
      hex[2 * i + 1] = HEX[b & 0xf];
    }
    out.writeRawUTF8String(hex, 0, 2 * length);
  }

  /** Reads a length prefix and returns where the delimited bytes end. */
  private int length() {
    int length = (int) varint();
    if (length < 0 || length > buf.length - pos) {
      throw malformed("length-delimited field");
    }
    return pos + length;
  }

  private long varint() {
    long result = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos >= buf.length) {
        throw malformed("varint");
      }
      byte b = buf[pos++];
      result |= (long) (b & 0x7f) << shift;
      if (b >= 0) {
        return result;
      }
    }
    throw malformed("varint");
  }

  private int fixed32() {
    if (buf.length - pos < 4) {
      throw malformed("fixed32");
    }
    int value =
        (buf[pos] & 0xff)
            | (buf[pos + 1] & 0xff) << 8
            | (buf[pos + 2] & 0xff) << 16
            | (buf[pos + 3] & 0xff) << 24;
    pos += 4;
    return value;
  }

  private long fixed64() {
    long low = fixed32() & 0xffffffffL;
    long high = fixed32() & 0xffffffffL;
    return low | high << 32;
  }

  private void skip(int wireType, int number) {
    switch (wireType) {
      case VARINT -> varint();
      case FIXED64 -> fixed64();
      case FIXED32 -> fixed32();
      case LENGTH_DELIMITED -> pos = length();
      case START_GROUP -> {
        while (true) {
          int tag = (int) varint();
          if ((tag & 7) == END_GROUP) {
            if (tag >>> 3 != number) {
              throw malformed("group");
            }
            return;
          }
          skip(tag & 7, tag >>> 3);
        }
      }
      default -> throw malformed("wire type " + wireType);
    }
  }

  private static IllegalStateException malformed(String what) {
    return new IllegalStateException("malformed protobuf encoding in " + what);
  }
}
