package dev.runtimeslicer.model.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fault labels as JSON lines (docs/formats.md): the simulator writes them, evaluation and tuning
 * read them.
 */
public final class FaultLabelJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FaultLabelJson() {}

  /**
   * All labels of {@code file}, in file order; a bad line fails with its number and what is
   * missing.
   */
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

  /**
   * The label as one JSON line (without newline); root-cause parts the label does not give are left
   * out.
   */
  public static String write(FaultLabel label) {
    ObjectNode node =
        MAPPER
            .createObjectNode()
            .put("system", label.system())
            .put("id", label.id())
            .put("type", label.type())
            .put("start", label.startMs())
            .put("end", label.endMs());
    ObjectNode cause = node.putObject("rootCause");
    putUnlessEmpty(cause, "service", label.rootCauseService());
    putUnlessEmpty(cause, "instance", label.rootCauseInstance());
    putUnlessEmpty(cause, "node", label.rootCauseNode());
    return node.toString();
  }

  private static void putUnlessEmpty(ObjectNode node, String field, String value) {
    if (!value.isEmpty()) {
      node.put(field, value);
    }
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
      throw new IllegalArgumentException(
          where
              + ": label has no '"
              + field
              + "'; each line needs system, id, type, start, end (epoch ms)"
              + " and rootCause, see docs/formats.md");
    }
    return value;
  }
}
