package dev.runtimeslicer.tools.evaluation.report;

import static dev.runtimeslicer.tools.evaluation.report.HtmlText.escape;
import static dev.runtimeslicer.tools.evaluation.report.HtmlText.number;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.ServiceEdge;
import dev.runtimeslicer.training.scoring.Diagnosis;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes report.html: one self-contained page (inline CSS and SVG, no script, nothing loaded from
 * anywhere, which its Content-Security-Policy enforces) with per-system timelines, the window
 * projections, the triage confusion matrix, the localization hits and the methods table. Every text
 * from the data is escaped: system and service names come from telemetry.
 */
public final class EvaluationReportWriter {

  private static final int TOP_CANDIDATES = 5;

  private static final String STYLE =
      """
      body { font: 14px/1.45 system-ui, sans-serif; color: #1d2329; background: #fff; margin: 24px 32px; }
      h1 { font-size: 22px; margin: 0 0 4px; }
      h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d8dde2; }
      h3 { font-size: 15px; margin: 16px 0 6px; } p.meta { color: #56606b; margin: 2px 0; }
      table { border-collapse: collapse; margin: 6px 0 12px; } th, td { border: 1px solid #d8dde2; padding: 3px 8px; }
      th { background: #f1f3f5; font-weight: 600; } td.num { text-align: right; font-variant-numeric: tabular-nums; }
      td.diagonal { outline: 2px solid #1d2329; outline-offset: -2px; } td.miss { color: #b3261e; }
      ol.candidates { margin: 0; padding-left: 20px; } .hit { font-weight: 700; color: #146c2e; }
      details.incidents summary { cursor: pointer; margin: 6px 0 10px; color: #444; }
      div.incident h4 { font-size: 13px; font-weight: 600; margin: 12px 0 2px; }
      ul.legend { list-style: none; padding: 0; margin: 4px 0 10px; display: flex; flex-wrap: wrap; gap: 4px 16px; }
      .swatch { display: inline-block; width: 12px; height: 12px; margin-right: 5px; vertical-align: -1px;
        border: 1px solid #0003; }
      .figures { display: flex; flex-wrap: wrap; gap: 16px; } figure { margin: 0; } figcaption { color: #56606b; }
      svg { display: block; font: 11px system-ui, sans-serif; }
      svg .panel { fill: #fafbfc; stroke: #d8dde2; } svg .grid { stroke: #e6e9ec; }
      svg .tick { fill: #56606b; text-anchor: middle; } svg .axis-label { fill: #56606b; text-anchor: end; }
      svg .track-label { fill: #1d2329; font-weight: 600; }
      svg .score { fill: none; stroke: #1f5fbf; stroke-width: 1.3; }
      svg .threshold { stroke: #c0392b; stroke-dasharray: 5 3; }
      svg .alert { fill: #e53935; fill-opacity: 0.22; } svg .fault-span { fill: #f39c12; fill-opacity: 0.18; }
      svg .fault-mark { fill: #f39c12; } svg .fault-label { fill: #7a4a00; }
      svg .point { fill-opacity: 0.8; }
      svg .service rect { fill: #fff; stroke: #8a949e; } svg .service.suspect rect { fill: #fde3e1; }
      svg .service.root-cause rect { stroke: #146c2e; stroke-width: 2.5; }
      svg .call { stroke: #b8c0c8; stroke-width: 1.2; } svg .call.failing, svg .call.gone { stroke: #c0392b; stroke-width: 2.4; }
      svg .call.gone { stroke-dasharray: 5 3; } svg .call.slower { stroke: #e67e22; stroke-width: 2.4; }
      svg .call.new, svg .call.more, svg .call.fewer { stroke: #1f5fbf; stroke-width: 2; } svg .call.declared { stroke-dasharray: 2 2; }
      """;

  private EvaluationReportWriter() {}

  /** Writes the page to {@code file} (UTF-8), creating its folder. */
  public static void write(EvaluationReportData data, Path file) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    if (folder != null) {
      Files.createDirectories(folder);
    }
    Files.writeString(file, render(data), StandardCharsets.UTF_8);
  }

  /** The page as text. */
  public static String render(EvaluationReportData data) {
    StringBuilder html = new StringBuilder(1 << 16);
    html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src"
                + " 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>")
        .append(escape(data.title()))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n");
    html.append("<h1>").append(escape(data.title())).append("</h1>\n");
    if (data.description() != null && !data.description().isEmpty()) {
      html.append("<p class=\"meta\">").append(escape(data.description())).append("</p>\n");
    }
    List<String> systems = systems(data);
    html.append("<p class=\"meta\">")
        .append(count(systems.size(), "system"))
        .append(" · ")
        .append(count(data.windows().size(), "window"))
        .append(" · ")
        .append(count(data.faults().size(), "labeled fault"))
        .append(" · ")
        .append(data.diagnoses().size())
        .append(" diagnosed</p>\n");
    timelines(html, data, systems);
    projections(html, data, systems);
    confusion(html, TriageConfusion.of(data.diagnoses()));
    localization(html, data.diagnoses());
    serviceGraphs(html, data);
    methods(html, data.methods());
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  /** Systems of the windows and tracks, by name. */
  private static List<String> systems(EvaluationReportData data) {
    TreeSet<String> systems = new TreeSet<>();
    data.windows().forEach(w -> systems.add(w.system()));
    data.tracks().forEach(t -> systems.add(t.system()));
    return new ArrayList<>(systems);
  }

  private static void timelines(
      StringBuilder html, EvaluationReportData data, List<String> systems) {
    html.append(
            "<h2>Timeline</h2>\n"
                + "<p class=\"meta\">Anomaly score per window (at the window's end) against the"
                + " threshold; ")
        .append(
            "firing alerts shaded red, labeled faults orange with type and root cause where the"
                + " caption fits (hover a fault for it), runtime state as the band below. Scores in"
                + " [0, 1] are drawn in nines, -log10(1 - score), so how close a window came to the"
                + " threshold shows; under each timeline, every labeled fault up close.</p>\n");
    CategoryColors states =
        new CategoryColors(data.windows().stream().map(ReportWindow::runtimeState).toList());
    for (String system : systems) {
      List<ReportWindow> windows = ofSystem(data.windows(), system);
      List<ScoreTrack> tracks =
          data.tracks().stream().filter(t -> t.system().equals(system)).toList();
      html.append("<section class=\"system\" data-system=\"")
          .append(escape(system))
          .append("\">\n<h3>")
          .append(escape(system))
          .append("</h3>\n");
      html.append(TimelineSvg.render(system, windows, data.faults(), tracks, states));
      incidents(html, system, windows, data.faults(), tracks, states);
      Map<String, Long> stateCounts =
          windows.stream()
              .collect(
                  Collectors.groupingBy(
                      ReportWindow::runtimeState, TreeMap::new, Collectors.counting()));
      html.append("<ul class=\"legend\">");
      html.append(
          "<li><span class=\"swatch\" style=\"background:#e5393566\"></span>alert firing</li>");
      html.append(
          "<li><span class=\"swatch\" style=\"background:#f39c12\"></span>labeled fault</li>");
      html.append("<li><span class=\"swatch\" style=\"background:#c0392b\"></span>threshold</li>");
      stateCounts.forEach(
          (state, count) -> legendItem(html, "state " + state, count, states.colorOf(state)));
      html.append("</ul>\n</section>\n");
    }
  }

  /** Around each labeled fault, from a while before it starts to as long after it ends. */
  static final long INCIDENT_MARGIN_MS = 10 * 60_000L;

  /**
   * One small timeline per labeled fault of {@code system}, folded away: a day-long timeline shows
   * when faults and alerts came, these show how each went.
   */
  private static void incidents(
      StringBuilder html,
      String system,
      List<ReportWindow> windows,
      List<FaultLabel> faults,
      List<ScoreTrack> tracks,
      CategoryColors states) {
    List<FaultLabel> own =
        faults.stream()
            .filter(f -> f.system().equals(system))
            .sorted(Comparator.comparingLong(FaultLabel::startMs))
            .toList();
    if (own.isEmpty() || windows.isEmpty() && tracks.isEmpty()) {
      return;
    }
    html.append("<details class=\"incidents\"><summary>Each labeled fault up close (")
        .append(own.size())
        .append(")</summary>\n");
    int number = 1;
    for (FaultLabel fault : own) {
      long margin = Math.max(INCIDENT_MARGIN_MS, fault.endMs() - fault.startMs());
      html.append("<div class=\"incident\" data-fault=\"")
          .append(escape(fault.id()))
          .append("\"><h4>#")
          .append(number++)
          .append(' ')
          .append(escape(fault.type()))
          .append(
              fault.rootCauseService().isEmpty() ? "" : " · " + escape(fault.rootCauseService()))
          .append(", ")
          .append(escape(HtmlText.dateTime(fault.startMs())))
          .append("</h4>\n")
          .append(
              TimelineSvg.renderRange(
                  system,
                  windows,
                  faults,
                  tracks,
                  states,
                  fault.startMs() - margin,
                  fault.endMs() + margin))
          .append("</div>\n");
    }
    html.append("</details>\n");
  }

  private static void projections(
      StringBuilder html, EvaluationReportData data, List<String> systems) {
    html.append(
            "<h2>Window embeddings</h2>\n"
                + "<p class=\"meta\">Each window's embedding in 2-D, colored by the runtime state"
                + " it was ")
        .append(
            "assigned to and by the type of the labeled fault it overlaps (normal outside"
                + " faults).</p>\n");
    CategoryColors states =
        new CategoryColors(data.windows().stream().map(ReportWindow::runtimeState).toList());
    Function<ReportWindow, String> faultType = window -> window.faultType(data.faults());
    CategoryColors types = new CategoryColors(data.windows().stream().map(faultType).toList());
    for (String system : systems) {
      List<ReportWindow> windows =
          ofSystem(data.windows(), system).stream().filter(ReportWindow::projected).toList();
      if (windows.isEmpty()) {
        continue;
      }
      html.append("<h3>").append(escape(system)).append("</h3>\n<div class=\"figures\">\n");
      figure(
          html,
          "by runtime state",
          ProjectionSvg.render(
              system + " windows by runtime state", windows, ReportWindow::runtimeState, states),
          windows,
          ReportWindow::runtimeState,
          states);
      figure(
          html,
          "by fault type",
          ProjectionSvg.render(system + " windows by fault type", windows, faultType, types),
          windows,
          faultType,
          types);
      html.append("</div>\n");
    }
  }

  private static void figure(
      StringBuilder html,
      String caption,
      String svg,
      List<ReportWindow> windows,
      Function<ReportWindow, String> categoryOf,
      CategoryColors colors) {
    html.append("<figure>\n")
        .append(svg)
        .append("<figcaption>")
        .append(escape(caption))
        .append("</figcaption>\n<ul class=\"legend\">");
    Map<String, Long> counts =
        windows.stream()
            .collect(Collectors.groupingBy(categoryOf, TreeMap::new, Collectors.counting()));
    counts.forEach(
        (category, count) -> legendItem(html, category, count, colors.colorOf(category)));
    html.append("</ul>\n</figure>\n");
  }

  private static void legendItem(StringBuilder html, String label, long count, String color) {
    html.append("<li><span class=\"swatch\" style=\"background:")
        .append(color)
        .append("\"></span>")
        .append(escape(label))
        .append(" (")
        .append(count)
        .append(")</li>");
  }

  private static void confusion(StringBuilder html, TriageConfusion matrix) {
    html.append(
            "<h2>Triage</h2>\n"
                + "<p class=\"meta\">Detected faults by true type (rows) and the type named by"
                + " their first alert ")
        .append("(columns).</p>\n");
    if (matrix.trueTypes().isEmpty()) {
      html.append("<p>No fault was detected.</p>\n");
      return;
    }
    html.append("<table class=\"confusion\">\n<tr><th>true \\ predicted</th>");
    matrix
        .predictedTypes()
        .forEach(type -> html.append("<th>").append(escape(type)).append("</th>"));
    html.append("<th>faults</th></tr>\n");
    for (String trueType : matrix.trueTypes()) {
      int total = matrix.rowTotal(trueType);
      html.append("<tr><th>").append(escape(trueType)).append("</th>");
      for (String predicted : matrix.predictedTypes()) {
        int count = matrix.count(trueType, predicted);
        // Cell shade grows with the share of the row, so a row's mistakes stand out at a glance.
        double share = total == 0 ? 0 : count / (double) total;
        html.append("<td class=\"num")
            .append(predicted.equals(trueType) ? " diagonal" : "")
            .append("\" data-true=\"")
            .append(escape(trueType))
            .append("\" data-predicted=\"")
            .append(escape(predicted))
            .append("\" style=\"background:rgba(31,95,191,")
            .append(number(0.55 * share, 2))
            .append(")\">")
            .append(count)
            .append("</td>");
      }
      html.append("<td class=\"num\">").append(total).append("</td></tr>\n");
    }
    html.append("</table>\n");
  }

  private static void localization(StringBuilder html, List<Diagnosis> diagnoses) {
    html.append(
            "<h2>Localization</h2>\n<p class=\"meta\">Per detected fault: its root cause, the top ")
        .append(TOP_CANDIDATES)
        .append(
            " candidates of its first alert and the rank of the true root cause among all"
                + " candidates.</p>\n");
    if (diagnoses.isEmpty()) {
      html.append("<p>No fault was detected.</p>\n");
      return;
    }
    html.append(
            "<table class=\"localization\">\n"
                + "<tr><th>fault</th><th>system</th><th>type</th><th>named type</th>")
        .append("<th>root cause</th><th>top ")
        .append(TOP_CANDIDATES)
        .append(" candidates</th><th>rank</th></tr>\n");
    for (Diagnosis diagnosis : diagnoses) {
      FaultLabel fault = diagnosis.fault();
      String cause = fault.rootCauseService();
      html.append("<tr class=\"fault-row\"><td>")
          .append(escape(fault.id()))
          .append("</td><td>")
          .append(escape(fault.system()))
          .append("</td><td>")
          .append(escape(fault.type()))
          .append("</td><td>")
          .append(escape(diagnosis.predictedType()))
          .append("</td><td>")
          .append(cause.isEmpty() ? HtmlText.MISSING : escape(cause))
          .append("</td><td><ol class=\"candidates\">");
      List<String> ranked = diagnosis.rankedServices();
      for (String candidate : ranked.subList(0, Math.min(TOP_CANDIDATES, ranked.size()))) {
        boolean hit = candidate.equals(cause);
        html.append("<li>")
            .append(hit ? "<span class=\"hit\">" : "")
            .append(escape(candidate))
            .append(hit ? "</span>" : "")
            .append("</li>");
      }
      html.append("</ol></td>");
      int rank = ranked.indexOf(cause);
      if (cause.isEmpty()) {
        html.append("<td class=\"num rank\">").append(HtmlText.MISSING).append("</td>");
      } else if (rank < 0) {
        html.append("<td class=\"num rank miss\">miss</td>");
      } else {
        html.append("<td class=\"num rank\">").append(rank + 1).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static void serviceGraphs(StringBuilder html, EvaluationReportData data) {
    List<Diagnosis> drawn =
        data.diagnoses().stream()
            .filter(d -> !data.graphs().getOrDefault(d.fault().id(), List.of()).isEmpty())
            .toList();
    if (drawn.isEmpty()) {
      return;
    }
    html.append(
        "<h2>Service graphs</h2>\n<p class=\"meta\">Per detected fault, the service graph its"
            + " first alert carried: callers left of callees; call paths red where they failed"
            + " (dashed: gone), orange where slower, blue where new or called more or less per"
            + " request than in the recent calm traffic, grey where unchanged (hover a path for"
            + " its numbers). The labeled root cause is outlined green, the alert's first suspect"
            + " filled.</p>\n<div class=\"figures\">\n");
    for (Diagnosis diagnosis : drawn) {
      FaultLabel fault = diagnosis.fault();
      List<ServiceEdge> edges = data.graphs().get(fault.id());
      String suspect =
          diagnosis.rankedServices().isEmpty() ? null : diagnosis.rankedServices().get(0);
      long changed = edges.stream().filter(ServiceEdge::changed).count();
      html.append("<figure class=\"service-graph\" data-fault=\"")
          .append(escape(fault.id()))
          .append("\">")
          .append(ServiceGraphSvg.render(edges, fault.rootCauseService(), suspect))
          .append("<figcaption>")
          .append(escape(fault.id()))
          .append(": ")
          .append(escape(fault.type()))
          .append(" at ")
          .append(
              fault.rootCauseService().isEmpty()
                  ? HtmlText.MISSING
                  : escape(fault.rootCauseService()))
          .append("; ")
          .append(count((int) changed, "changed call path"))
          .append("</figcaption></figure>\n");
    }
    html.append("</div>\n");
  }

  private static void methods(StringBuilder html, List<MethodResult> methods) {
    html.append(
        "<h2>Methods</h2>\n"
            + "<p class=\"meta\">Scored by the same rules (docs/evaluation.md); – where a method"
            + " has no value.</p>\n");
    html.append(
            "<table class=\"methods\">\n"
                + "<tr><th rowspan=\"2\">method</th><th colspan=\"5\">detection</th><th"
                + " colspan=\"2\">triage</th>")
        .append(
            "<th colspan=\"3\">localization</th></tr>\n"
                + "<tr><th>precision</th><th>recall</th><th>F1</th><th>median delay (s)</th>")
        .append(
            "<th>false alerts /"
                + " day</th><th>macro-F1</th><th>accuracy</th><th>top-1</th><th>top-3</th><th>top-5</th></tr>\n");
    for (MethodResult method : methods) {
      html.append("<tr class=\"method\"><th>").append(escape(method.method())).append("</th>");
      double[] values = {
        method.precision(),
        method.recall(),
        method.f1(),
        method.medianDelaySeconds(),
        method.falseAlertsPerDay(),
        method.triageMacroF1(),
        method.triageAccuracy(),
        method.top1(),
        method.top3(),
        method.top5()
      };
      int[] decimals = {3, 3, 3, 1, 2, 3, 3, 3, 3, 3};
      for (int i = 0; i < values.length; i++) {
        html.append("<td class=\"num\">").append(number(values[i], decimals[i])).append("</td>");
      }
      html.append("</tr>\n");
    }
    html.append("</table>\n");
  }

  private static String count(int n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  private static List<ReportWindow> ofSystem(List<ReportWindow> windows, String system) {
    return windows.stream().filter(w -> w.system().equals(system)).toList();
  }
}
