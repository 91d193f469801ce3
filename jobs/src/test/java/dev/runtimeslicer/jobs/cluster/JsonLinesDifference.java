package dev.runtimeslicer.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.SliceJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Two runs' JSON lines (slices, alerts) compared record by record, told briefly enough to read in a
 * failed assertion.
 */
final class JsonLinesDifference {

  private static final int SHOWN = 10;
  private static final int EXCERPT = 1500;
  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLinesDifference() {}

  /** Slices, keyed by system and key. */
  static String slices(List<String> expected, List<String> actual) {
    return describe(
        expected,
        actual,
        line -> {
          var slice = SliceJson.read(line);
          return slice.system + "@" + slice.windowStartMs;
        });
  }

  /** Alert notifications, keyed by alert id and sequence. */
  static String alerts(List<String> expected, List<String> actual) {
    return describe(
        expected,
        actual,
        line -> {
          var alert = AlertJson.read(line);
          return alert.id + "#" + alert.sequence;
        });
  }

  private static String describe(
      List<String> expected, List<String> actual, Function<String, String> keyOf) {
    Map<String, List<String>> want = byKey(expected, keyOf);
    Map<String, List<String>> got = byKey(actual, keyOf);
    TreeSet<String> missing = new TreeSet<>(want.keySet());
    missing.removeAll(got.keySet());
    TreeSet<String> extra = new TreeSet<>(got.keySet());
    extra.removeAll(want.keySet());
    List<String> differing = new ArrayList<>();
    for (String key : want.keySet()) {
      if (got.containsKey(key)
          && !new TreeSet<>(got.get(key)).equals(new TreeSet<>(want.get(key)))) {
        differing.add(key);
      }
    }
    StringBuilder text = new StringBuilder();
    text.append(
        String.format(
            "%n%d expected and %d actual lines, %d and %d keys; missing %s, extra %s, differing"
                + " (%d) %s",
            expected.size(),
            actual.size(),
            want.size(),
            got.size(),
            first(missing),
            first(extra),
            differing.size(),
            first(differing)));
    for (String key : differing.stream().limit(3).toList()) {
      List<String> paths = new ArrayList<>();
      if (want.get(key).size() == 1 && got.get(key).size() == 1) {
        differences("", read(want.get(key).get(0)), read(got.get(key).get(0)), paths);
      }
      text.append(
          String.format(
              "%n%s differs at %s",
              key,
              paths.isEmpty()
                  ? "expected " + excerpt(want.get(key)) + " actual " + excerpt(got.get(key))
                  : paths));
    }
    return text.toString();
  }

  /** The lines without the top-level field {@code name}. */
  static List<String> without(List<String> lines, String name) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      com.fasterxml.jackson.databind.node.ObjectNode tree =
          (com.fasterxml.jackson.databind.node.ObjectNode) read(line);
      tree.remove(name);
      out.add(tree.toString());
    }
    return out;
  }

  /** The lines with every fractional number rounded to {@code digits} significant digits. */
  static List<String> rounded(List<String> lines, int digits) {
    java.math.MathContext context = new java.math.MathContext(digits);
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      JsonNode tree = read(line);
      round(tree, context);
      out.add(tree.toString());
    }
    return out;
  }

  private static void round(JsonNode node, java.math.MathContext context) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        JsonNode child = object.get(name);
        if (child.isFloatingPointNumber()) {
          object.put(name, new java.math.BigDecimal(child.asDouble()).round(context).doubleValue());
        } else {
          round(child, context);
        }
      }
    } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        JsonNode child = array.get(i);
        if (child.isFloatingPointNumber()) {
          array.set(i, new java.math.BigDecimal(child.asDouble()).round(context).doubleValue());
        } else {
          round(child, context);
        }
      }
    }
  }

  private static JsonNode read(String json) {
    try {
      return JSON.readTree(json);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The JSON paths where the two trees differ, with both values; at most {@code SHOWN}. */
  private static void differences(
      String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (out.size() >= SHOWN || expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        differences(path + "/" + name, expected.path(name), actual.path(name), out);
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        JsonNode item = expected.get(i);
        String label = item.has("service") ? item.get("service").asText() : Integer.toString(i);
        differences(path + "[" + label + "]", item, actual.get(i), out);
      }
    } else {
      out.add(path + ": " + shorten(expected.toString()) + " vs " + shorten(actual.toString()));
    }
  }

  private static String shorten(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "...";
  }

  private static Map<String, List<String>> byKey(
      List<String> lines, Function<String, String> keyOf) {
    Map<String, List<String>> records = new TreeMap<>();
    for (String line : lines) {
      records.computeIfAbsent(keyOf.apply(line), k -> new ArrayList<>()).add(line);
    }
    return records;
  }

  private static String first(java.util.Collection<String> windows) {
    return windows.stream().limit(SHOWN).toList() + (windows.size() > SHOWN ? " ..." : "");
  }

  private static String excerpt(List<String> lines) {
    String text = String.join(" | ", lines);
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + " ...";
  }
}
