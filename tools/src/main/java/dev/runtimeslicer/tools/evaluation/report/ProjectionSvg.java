package dev.runtimeslicer.tools.evaluation.report;

import static dev.runtimeslicer.tools.evaluation.report.HtmlText.coordinate;
import static dev.runtimeslicer.tools.evaluation.report.HtmlText.escape;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * A scatter plot of projected windows as inline SVG, one dot per window colored by a category. Both
 * axes share one scale, so distances look as they are; "normal" dots are drawn first so the rarer
 * categories stay visible on top.
 */
final class ProjectionSvg {

  static final int WIDTH = 440;
  static final int HEIGHT = 330;
  private static final int MARGIN = 10;
  private static final double DOT_RADIUS = 2.4;

  private ProjectionSvg() {}

  static String render(
      String caption,
      List<ReportWindow> windows,
      Function<ReportWindow, String> categoryOf,
      CategoryColors colors) {
    List<ReportWindow> points =
        windows.stream()
            .filter(ReportWindow::projected)
            .sorted(
                Comparator.comparing(
                    (ReportWindow w) -> !categoryOf.apply(w).equals(ReportWindow.NORMAL)))
            .toList();
    StringBuilder svg = new StringBuilder();
    svg.append("<svg class=\"projection\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\">\n");
    svg.append("<title>").append(escape(caption)).append("</title>\n");
    svg.append("<rect class=\"panel\" x=\"0\" y=\"0\" width=\"")
        .append(WIDTH)
        .append("\" height=\"")
        .append(HEIGHT)
        .append("\"/>\n");
    if (!points.isEmpty()) {
      double minX = points.stream().mapToDouble(ReportWindow::x).min().orElseThrow();
      double maxX = points.stream().mapToDouble(ReportWindow::x).max().orElseThrow();
      double minY = points.stream().mapToDouble(ReportWindow::y).min().orElseThrow();
      double maxY = points.stream().mapToDouble(ReportWindow::y).max().orElseThrow();
      double scale =
          Math.min(
              (WIDTH - 2 * MARGIN) / Math.max(maxX - minX, 1e-12),
              (HEIGHT - 2 * MARGIN) / Math.max(maxY - minY, 1e-12));
      double offsetX = (WIDTH - (maxX - minX) * scale) / 2;
      double offsetY = (HEIGHT - (maxY - minY) * scale) / 2;
      for (ReportWindow point : points) {
        String category = categoryOf.apply(point);
        svg.append("<circle class=\"point\" data-category=\"")
            .append(escape(category))
            .append("\" cx=\"")
            .append(coordinate(offsetX + (point.x() - minX) * scale))
            .append("\" cy=\"")
            .append(coordinate(HEIGHT - offsetY - (point.y() - minY) * scale))
            .append("\" r=\"")
            .append(DOT_RADIUS)
            .append("\" fill=\"")
            .append(colors.colorOf(category))
            .append("\"/>\n");
      }
    }
    svg.append("</svg>\n");
    return svg.toString();
  }
}
