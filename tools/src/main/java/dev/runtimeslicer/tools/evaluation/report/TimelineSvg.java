package dev.runtimeslicer.tools.evaluation.report;

import static dev.runtimeslicer.tools.evaluation.report.HtmlText.coordinate;
import static dev.runtimeslicer.tools.evaluation.report.HtmlText.escape;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.Comparator;
import java.util.List;

/**
 * One system's timeline as inline SVG: a lane of labeled faults, per method a panel with its score
 * line, threshold and firing alerts, and the runtime state as a colored band, over a UTC time axis.
 * Scores and states are placed at their window's end, when they are known.
 */
final class TimelineSvg {

  static final int WIDTH = 1100;
  private static final int LEFT = 56;
  private static final int RIGHT = 16;

  /** Two rows of fault labels, so that labels of faults close in time do not overprint. */
  private static final int FAULT_ROW = 16;

  private static final int FAULT_LANE = 2 * FAULT_ROW + 4;
  // Rough width of a label character at the 11 px font, to tell whether two labels would collide.
  private static final double LABEL_CHAR_PX = 6.2;
  private static final int PANEL = 110;
  private static final int PANEL_GAP = 10;
  private static final int BAND = 16;
  private static final int AXIS = 24;
  private static final double MIN_SPAN_PX = 2;

  private TimelineSvg() {}

  /**
   * The SVG of [{@code fromMs}, {@code toMs}] alone: the windows that end in it, the scores, alerts
   * and faults that meet it.
   */
  static String renderRange(
      String system,
      List<ReportWindow> windows,
      List<FaultLabel> faults,
      List<ScoreTrack> tracks,
      CategoryColors states,
      long fromMs,
      long toMs) {
    List<ReportWindow> inRange =
        windows.stream()
            .filter(w -> w.windowEndMs() >= fromMs && w.windowStartMs() <= toMs)
            .toList();
    List<ScoreTrack> cut =
        tracks.stream()
            .map(
                t ->
                    new ScoreTrack(
                        t.method(),
                        t.system(),
                        t.threshold(),
                        t.scores().stream()
                            .filter(w -> w.windowEndMs() >= fromMs && w.windowStartMs() <= toMs)
                            .toList(),
                        t.alerts().stream()
                            .filter(
                                a ->
                                    Math.max(a.endsAtMs(), a.firedAtMs()) >= fromMs
                                        && a.firedAtMs() <= toMs)
                            .toList()))
            .toList();
    return render(system, inRange, faults, cut, states);
  }

  /** The SVG, or an empty string when the system has nothing in time to draw. */
  static String render(
      String system,
      List<ReportWindow> windows,
      List<FaultLabel> faults,
      List<ScoreTrack> tracks,
      CategoryColors states) {
    long start = Long.MAX_VALUE;
    long end = Long.MIN_VALUE;
    for (ReportWindow window : windows) {
      start = Math.min(start, window.windowStartMs());
      end = Math.max(end, window.windowEndMs());
    }
    for (ScoreTrack track : tracks) {
      for (WindowScore score : track.scores()) {
        start = Math.min(start, score.windowStartMs());
        end = Math.max(end, score.windowEndMs());
      }
    }
    if (start > end) {
      return "";
    }
    TimeAxis axis = new TimeAxis(start, end, LEFT, WIDTH - RIGHT);
    int bandTop = FAULT_LANE + tracks.size() * (PANEL + PANEL_GAP);
    int height = bandTop + BAND + AXIS;
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"timeline\" data-system=\"")
        .append(escape(system))
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(height)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(height)
        .append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    svg.append("<title>").append(escape("Timeline of " + system)).append("</title>\n");
    // Back to front: panel backgrounds, grid, fault spans, then each panel's alerts and lines.
    for (int i = 0; i < tracks.size(); i++) {
      svg.append("<rect class=\"panel\" x=\"")
          .append(LEFT)
          .append("\" y=\"")
          .append(FAULT_LANE + i * (PANEL + PANEL_GAP))
          .append("\" width=\"")
          .append(WIDTH - LEFT - RIGHT)
          .append("\" height=\"")
          .append(PANEL)
          .append("\"/>\n");
    }
    grid(svg, axis, bandTop + BAND);
    List<FaultLabel> shown =
        faults.stream()
            .filter(
                f ->
                    f.system().equals(system)
                        && f.endMs() >= axis.startMs()
                        && f.startMs() <= axis.endMs())
            .toList();
    faultLane(svg, axis, shown, bandTop);
    for (int i = 0; i < tracks.size(); i++) {
      panel(svg, axis, tracks.get(i), FAULT_LANE + i * (PANEL + PANEL_GAP));
    }
    stateBand(svg, axis, windows, states, bandTop);
    svg.append("</svg>\n");
    return svg.toString();
  }

  private static void grid(StringBuilder svg, TimeAxis axis, int bottom) {
    boolean first = true;
    for (long tick : axis.ticks()) {
      String x = coordinate(axis.x(tick));
      svg.append("<line class=\"grid\" x1=\"")
          .append(x)
          .append("\" y1=\"")
          .append(FAULT_LANE)
          .append("\" x2=\"")
          .append(x)
          .append("\" y2=\"")
          .append(bottom)
          .append("\"/>");
      String label =
          first
              ? HtmlText.dateTime(tick).substring(0, 10) + " " + HtmlText.clock(tick)
              : HtmlText.clock(tick);
      svg.append("<text class=\"tick\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(bottom + 16)
          .append("\">")
          .append(escape(label))
          .append("</text>\n");
      first = false;
    }
  }

  private static void faultLane(
      StringBuilder svg, TimeAxis axis, List<FaultLabel> faults, int bottom) {
    double[] rowFreeFrom = {Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
    List<FaultLabel> ordered =
        faults.stream().sorted(Comparator.comparingLong(FaultLabel::startMs)).toList();
    for (FaultLabel fault : ordered) {
      double x1 = axis.x(fault.startMs());
      double width = Math.max(MIN_SPAN_PX, axis.x(fault.endMs()) - x1);
      String cause = fault.rootCauseService().isEmpty() ? "" : " · " + fault.rootCauseService();
      String label = fault.type() + cause;
      // The first row whose last caption ends before this one starts. Where both are taken (faults
      // dense in time) the mark goes where the row frees first and gets no caption: its tooltip
      // and its panel under "each labeled fault up close" tell it, and nothing overprints.
      int row = rowFreeFrom[0] <= x1 ? 0 : rowFreeFrom[1] <= x1 ? 1 : -1;
      String caption = label;
      if (row < 0) {
        caption = "";
        row = rowFreeFrom[0] <= rowFreeFrom[1] ? 0 : 1;
      }
      double captionEnd = x1 + caption.length() * LABEL_CHAR_PX;
      rowFreeFrom[row] = Math.max(rowFreeFrom[row], Math.max(x1 + width, captionEnd) + 6);
      int rowTop = 2 + row * FAULT_ROW;
      svg.append("<g class=\"fault\"><title>")
          .append(
              escape(
                  "fault "
                      + fault.id()
                      + ": "
                      + label
                      + ", "
                      + HtmlText.dateTime(fault.startMs())
                      + " to "
                      + HtmlText.dateTime(fault.endMs())))
          .append("</title>");
      svg.append("<rect class=\"fault-span\" x=\"")
          .append(coordinate(x1))
          .append("\" y=\"")
          .append(FAULT_LANE)
          .append("\" width=\"")
          .append(coordinate(width))
          .append("\" height=\"")
          .append(bottom - FAULT_LANE)
          .append("\"/>");
      svg.append("<rect class=\"fault-mark\" x=\"")
          .append(coordinate(x1))
          .append("\" y=\"")
          .append(rowTop)
          .append("\" width=\"")
          .append(coordinate(width))
          .append("\" height=\"")
          .append(FAULT_ROW - 3)
          .append("\"/>");
      if (!caption.isEmpty()) {
        svg.append("<text class=\"fault-label\" x=\"")
            .append(coordinate(x1 + 2))
            .append("\" y=\"")
            .append(rowTop + FAULT_ROW - 6)
            .append("\">")
            .append(escape(caption))
            .append("</text>");
      }
      svg.append("</g>\n");
    }
  }

  private static void panel(StringBuilder svg, TimeAxis axis, ScoreTrack track, int top) {
    ScoreScale scale = ScoreScale.of(track);
    int bottom = top + PANEL;
    svg.append("<g class=\"track\" data-method=\"")
        .append(escape(track.method()))
        .append("\" data-top=\"")
        .append(top)
        .append("\" data-height=\"")
        .append(PANEL)
        .append("\">\n");
    for (ScoredAlert alert : track.alerts()) {
      double x1 = axis.x(alert.firedAtMs());
      double width =
          Math.max(MIN_SPAN_PX, axis.x(Math.max(alert.endsAtMs(), alert.firedAtMs())) - x1);
      svg.append("<rect class=\"alert\" x=\"")
          .append(coordinate(x1))
          .append("\" y=\"")
          .append(top)
          .append("\" width=\"")
          .append(coordinate(width))
          .append("\" height=\"")
          .append(PANEL)
          .append("\"><title>")
          .append(
              escape(
                  "alert "
                      + alert.failureType()
                      + ", "
                      + HtmlText.dateTime(alert.firedAtMs())
                      + " to "
                      + HtmlText.dateTime(alert.endsAtMs())
                      + (alert.rankedServices().isEmpty()
                          ? ""
                          : ", suspects "
                              + String.join(
                                  ", ",
                                  alert
                                      .rankedServices()
                                      .subList(0, Math.min(3, alert.rankedServices().size()))))))
          .append("</title></rect>\n");
    }
    if (Double.isFinite(track.threshold())) {
      String y = coordinate(y(scale.plotted(track.threshold()), scale.ceiling(), top));
      svg.append("<line class=\"threshold\" x1=\"")
          .append(LEFT)
          .append("\" y1=\"")
          .append(y)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y2=\"")
          .append(y)
          .append("\"><title>")
          .append(escape("threshold " + HtmlText.number(track.threshold(), 3)))
          .append("</title></line>\n");
    }
    List<WindowScore> ordered =
        track.scores().stream()
            .filter(s -> Double.isFinite(s.score()))
            .sorted(Comparator.comparingLong(WindowScore::windowEndMs))
            .toList();
    svg.append("<polyline class=\"score\" data-system=\"")
        .append(escape(track.system()))
        .append("\" points=\"");
    for (WindowScore score : ordered) {
      svg.append(coordinate(axis.x(score.windowEndMs())))
          .append(',')
          .append(coordinate(y(scale.plotted(score.score()), scale.ceiling(), top)))
          .append(' ');
    }
    svg.append("\"/>\n");
    for (ScoreScale.Tick tick : scale.ticks()) {
      svg.append("<text class=\"axis-label\" x=\"")
          .append(LEFT - 4)
          .append("\" y=\"")
          .append(
              coordinate(
                  Math.min(
                      top + PANEL,
                      Math.max(top + 10, y(tick.plotted(), scale.ceiling(), top) + 4))))
          .append("\">")
          .append(escape(tick.label()))
          .append("</text>");
    }
    svg.append("<text class=\"track-label\" x=\"")
        .append(LEFT + 6)
        .append("\" y=\"")
        .append(top + 14)
        .append("\">")
        .append(escape(track.method()))
        .append("</text></g>\n");
  }

  private static double y(double score, double ceiling, int top) {
    double clamped = Math.max(0, Math.min(ceiling, score));
    return top + PANEL - clamped / ceiling * PANEL;
  }

  /**
   * Runs of equal state as one rectangle each, from the end of the window before to the end of the
   * last window of the run.
   */
  private static void stateBand(
      StringBuilder svg,
      TimeAxis axis,
      List<ReportWindow> windows,
      CategoryColors states,
      int top) {
    svg.append("<text class=\"axis-label\" x=\"")
        .append(LEFT - 4)
        .append("\" y=\"")
        .append(top + 12)
        .append("\">state</text>\n");
    List<ReportWindow> ordered =
        windows.stream().sorted(Comparator.comparingLong(ReportWindow::windowEndMs)).toList();
    int i = 0;
    while (i < ordered.size()) {
      String state = ordered.get(i).runtimeState();
      long from = i == 0 ? ordered.get(0).windowStartMs() : ordered.get(i - 1).windowEndMs();
      int j = i;
      while (j + 1 < ordered.size() && ordered.get(j + 1).runtimeState().equals(state)) {
        j++;
      }
      long to = ordered.get(j).windowEndMs();
      double x1 = axis.x(from);
      svg.append("<rect class=\"state\" x=\"")
          .append(coordinate(x1))
          .append("\" y=\"")
          .append(top)
          .append("\" width=\"")
          .append(coordinate(Math.max(0.5, axis.x(to) - x1)))
          .append("\" height=\"")
          .append(BAND)
          .append("\" fill=\"")
          .append(states.colorOf(state))
          .append("\"><title>")
          .append(
              escape(
                  "state "
                      + state
                      + ", "
                      + HtmlText.dateTime(from)
                      + " to "
                      + HtmlText.dateTime(to)))
          .append("</title></rect>\n");
      i = j + 1;
    }
  }
}
