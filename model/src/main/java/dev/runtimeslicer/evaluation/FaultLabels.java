package dev.runtimeslicer.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reads fault labels: JSON lines as docs/formats.md describes them. */
public final class FaultLabels {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FaultLabels() {}

  /** All labels of {@code file}, in file order; a bad line fails with its number and what is missing. */
  public static List<FaultLabel> read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read labels file " + file, e);
    }
    List<FaultLabel> labels = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (!line.isEmpty()) {
        labels.add(parse(line, file + ":" + (i + 1)));
      }
    }
    return labels;
  }

  /** One label from one JSON line; {@code where} names the line in errors. */
  public static FaultLabel parse(String line, String where) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (IOException e) {
      throw new IllegalArgumentException(where + ": not JSON: " + e.getMessage(), e);
    }
    JsonNode cause = node.path("rootCause");
    return new FaultLabel(
        required(node, "system", where).asText(),
        required(node, "id", where).asText(),
        required(node, "type", where).asText(),
        required(node, "start", where).asLong(),
        required(node, "end", where).asLong(),
        cause.path("service").asText(""),
        cause.path("instance").asText(""),
        cause.path("node").asText(""));
  }

  private static JsonNode required(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException(where + ": label has no '" + field + "'; each line needs system, id, type, start, end (epoch ms)"
          + " and rootCause, see docs/formats.md");
    }
    return value;
  }
}
