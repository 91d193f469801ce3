package dev.runtimeslicer.tools.evaluation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The quality table of {@code bench/quality.sh}: one CSV row per evaluation run (a set, whether it
 * is a dev or a blind column, and the label variant), read from each run's metrics.json. Blind rows
 * are reported and never tuned on (docs/evaluation.md).
 */
public final class QualityTable {

  /** metrics.json keys of the columns after set, role and variant, in order. */
  static final List<String[]> COLUMNS =
      List.of(
          new String[] {"train_labels", "info.trainLabels"},
          new String[] {"f1", "detection.f1"},
          new String[] {"precision", "detection.precision"},
          new String[] {"recall", "detection.recall"},
          new String[] {"detected", "detection.detected_faults"},
          new String[] {"faults", "detection.faults"},
          new String[] {"false_alerts_per_day", "detection.false_alerts_per_day"},
          new String[] {"delay_s", "detection.delay_s_median"},
          new String[] {"triage_macro_f1", "triage.macro_f1"},
          new String[] {"top1", "localization.top1"},
          new String[] {"top3", "localization.top3"},
          new String[] {"diagnosis_top1", "diagnosis.top1"},
          new String[] {"diagnosis_top3", "diagnosis.top3"},
          new String[] {"unseen_recall", "unseen.detection.recall"},
          new String[] {"unseen_detected", "unseen.detection.detected_faults"},
          new String[] {"unseen_faults", "unseen.detection.faults"},
          new String[] {"unseen_top3", "unseen.localization.top3"},
          new String[] {"unseen_diagnosis_top3", "unseen.diagnosis.top3"},
          new String[] {"rcf_f1", "baselines.rcf.detection.f1"},
          new String[] {"rcf_false_alerts_per_day", "baselines.rcf.detection.false_alerts_per_day"},
          new String[] {"rcf_unseen_recall", "baselines.rcf.unseen.detection.recall"},
          new String[] {"rcf_top3", "baselines.rcf.localization.top3"},
          new String[] {"act_top1", "baselines.act.localization.top1"},
          new String[] {"act_top3", "baselines.act.localization.top3"});

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One run: its set, "dev" or "blind", its label variant, and its metrics.json. */
  record Run(String set, String role, String variant, Path metrics) {

    /** Parses {@code SET:ROLE:VARIANT=DIR}, DIR holding metrics.json. */
    static Run parse(String spec) {
      int eq = spec.indexOf('=');
      String[] name = eq < 0 ? new String[0] : spec.substring(0, eq).split(":");
      if (name.length != 3) {
        throw new IllegalArgumentException(
            "a run is SET:ROLE:VARIANT=DIR, e.g. online-shop-11:dev:holdout=out/q/os/holdout; got "
                + spec);
      }
      if (!name[1].equals("dev") && !name[1].equals("blind")) {
        throw new IllegalArgumentException(
            "a run's role is dev or blind, got '" + name[1] + "' in " + spec);
      }
      return new Run(
          name[0], name[1], name[2], Path.of(spec.substring(eq + 1)).resolve("metrics.json"));
    }
  }

  private QualityTable() {}

  /** The CSV of {@code runs}, header first. */
  static String csv(List<Run> runs) throws IOException {
    StringBuilder out = new StringBuilder("set,role,variant");
    for (String[] column : COLUMNS) {
      out.append(',').append(column[0]);
    }
    out.append('\n');
    for (Run run : runs) {
      if (!Files.isRegularFile(run.metrics())) {
        throw new IllegalArgumentException(
            run.metrics() + " does not exist: run the evaluation of " + run.set() + " first");
      }
      JsonNode metrics = JSON.readTree(run.metrics().toFile());
      out.append(run.set()).append(',').append(run.role()).append(',').append(run.variant());
      for (String[] column : COLUMNS) {
        out.append(',').append(cell(metrics.get(column[1])));
      }
      out.append('\n');
    }
    return out.toString();
  }

  /**
   * The rows of {@code runs} merged into the table {@code existing} (null: none): a run replaces
   * the row of its set and variant where there is one and is appended otherwise, and rows of runs
   * not made this time stay, so {@code quality.sh --only SET} updates its rows alone. Rows of
   * another header (columns changed since) are dropped: their cells would be misread.
   */
  static String merged(String existing, List<Run> runs) throws IOException {
    String fresh = csv(runs);
    String header = fresh.substring(0, fresh.indexOf('\n'));
    Map<String, String> rows = new LinkedHashMap<>();
    if (existing != null && existing.startsWith(header + "\n")) {
      for (String line : existing.substring(header.length() + 1).split("\n")) {
        if (!line.isBlank()) {
          rows.put(key(line), line);
        }
      }
    }
    for (String line : fresh.substring(header.length() + 1).split("\n")) {
      if (!line.isBlank()) {
        rows.put(key(line), line);
      }
    }
    return header + "\n" + String.join("\n", rows.values()) + "\n";
  }

  /** A row's set and variant (its first and third cells, never quoted). */
  private static String key(String row) {
    String[] cells = row.split(",", 4);
    return cells[0] + "," + cells[2];
  }

  private static String cell(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isIntegralNumber()) {
      return value.asText();
    }
    if (value.isNumber()) {
      return String.format(Locale.ROOT, "%.3f", value.asDouble());
    }
    String text = value.asText();
    return text.contains(",") || text.contains("\"")
        ? '"' + text.replace("\"", "\"\"") + '"'
        : text;
  }

  /** {@code QualityTable OUT.csv SET:ROLE:VARIANT=DIR...}: updates the table with the runs. */
  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      System.err.println("usage: QualityTable OUT.csv SET:ROLE:VARIANT=DIR...");
      System.exit(2);
    }
    List<Run> runs = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      runs.add(Run.parse(args[i]));
    }
    Path out = Path.of(args[0]);
    String existing = Files.exists(out) ? Files.readString(out, StandardCharsets.UTF_8) : null;
    Files.writeString(out, merged(existing, runs), StandardCharsets.UTF_8);
    System.out.println("wrote " + args[0] + " (" + runs.size() + " runs updated)");
  }
}
