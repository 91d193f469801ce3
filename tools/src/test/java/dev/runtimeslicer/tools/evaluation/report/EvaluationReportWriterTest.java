package dev.runtimeslicer.tools.evaluation.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.ServiceEdge;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.FailureScoring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportWriterTest {

  private final EvaluationReportData data = ReportSamples.data();
  private final String html = EvaluationReportWriter.render(data);
  private final Document page = Jsoup.parse(html);

  @Test
  void drawsOneScorePointPerWindowForEachMethodAndSystem() {
    Elements lines = page.select("section.system > svg.timeline polyline.score");

    assertThat(lines).hasSize(4);
    for (Element line : lines) {
      String[] points = line.attr("points").trim().split(" ");
      assertThat(points)
          .hasSize(ReportSamples.WINDOWS)
          .allMatch(point -> point.matches("\\d+\\.\\d,\\d+\\.\\d"));
    }
    Element shop = timeline(ReportSamples.SHOP);
    assertThat(shop.select("g.track").eachAttr("data-method"))
        .containsExactly("RuntimeSlicer", "Random Cut Forest");
    assertThat(shop.select("g.track[data-method=RuntimeSlicer] rect.alert")).hasSize(3);
    assertThat(shop.select("g.track[data-method=Random Cut Forest] rect.alert")).hasSize(2);
    assertThat(shop.select("g.track line.threshold")).hasSize(2);
    assertThat(shop.select("rect.fault-span")).hasSize(3);
    assertThat(timeline(ReportSamples.TICKETS).select("rect.fault-span")).hasSize(2);
  }

  @Test
  void labelsOfFaultsCloseInTimeGoToDifferentRows() {
    long start = ReportSamples.START_MS;
    List<FaultLabel> faults =
        List.of(
            new FaultLabel(
                "s", "a", "network_delay", start + 600_000, start + 660_000, "frontend", "", ""),
            new FaultLabel(
                "s", "b", "memory_leak", start + 700_000, start + 760_000, "adservice", "", ""),
            new FaultLabel(
                "s", "c", "pod_kill", start + 3_000_000, start + 3_100_000, "cart", "", ""));
    List<ReportWindow> windows =
        List.of(new ReportWindow("s", start, start + 3_600_000, "0", Double.NaN, Double.NaN));
    Document small =
        Jsoup.parse(
            EvaluationReportWriter.render(
                new EvaluationReportData(
                    "t", "", windows, faults, List.of(), List.of(), List.of())));

    assertThat(small.select("section.system > svg.timeline rect.fault-mark").eachAttr("y"))
        .containsExactly("2", "18", "2");
    assertThat(small.selectFirst("p.meta").text())
        .isEqualTo("1 system · 1 window · 3 labeled faults · 0 diagnosed");
  }

  @Test
  void captionsOfFaultsDenseInTimeNeverOverprintAndEachFaultGetsItsOwnPanel() {
    long start = ReportSamples.START_MS;
    List<FaultLabel> faults = new java.util.ArrayList<>();
    // 32 faults of 3 minutes in 5 hours, as on the Nezha test day
    for (int i = 0; i < 32; i++) {
      long from = start + i * 9 * 60_000L;
      faults.add(
          new FaultLabel(
              "s",
              "f" + i,
              "cpu_contention",
              from,
              from + 180_000,
              "productcatalogservice",
              "",
              ""));
    }
    List<ReportWindow> windows =
        List.of(new ReportWindow("s", start, start + 5 * 3_600_000L, "0", Double.NaN, Double.NaN));
    Document dense =
        Jsoup.parse(
            EvaluationReportWriter.render(
                new EvaluationReportData(
                    "t", "", windows, faults, List.of(), List.of(), List.of())));

    Element main = dense.selectFirst("section.system > svg.timeline");
    assertThat(main.select("rect.fault-mark")).hasSize(32);
    Elements captions = main.select("text.fault-label");
    assertThat(captions.size()).isBetween(1, 31);
    for (int row : new int[] {0, 1}) {
      double freeFrom = Double.NEGATIVE_INFINITY;
      for (Element caption : captions) {
        double y = Double.parseDouble(caption.attr("y"));
        if ((y < 20) != (row == 0)) {
          continue;
        }
        double x = Double.parseDouble(caption.attr("x"));
        assertThat(x)
            .as("caption '%s' starts after the one before it ends", caption.text())
            .isGreaterThanOrEqualTo(freeFrom);
        freeFrom = x + caption.text().length() * 6.2;
      }
    }
    assertThat(dense.select("details.incidents div.incident")).hasSize(32);
    assertThat(dense.select("details.incidents summary").text()).contains("(32)");
  }

  @Test
  void scoresAndThresholdsShareTheirPanelsScale() {
    Element ours = timeline(ReportSamples.SHOP).selectFirst("g.track[data-method=RuntimeSlicer]");
    double top = Double.parseDouble(ours.attr("data-top"));
    double height = Double.parseDouble(ours.attr("data-height"));
    List<String> labels = ours.select("text.axis-label").eachText();
    int nines = labels.get(labels.size() - 1).length() - "0.".length(); // "0.999": three nines

    // Our scores are in [0, 1]: drawn in nines, -log10(1 - score), up to the top label's nines.
    // Threshold 0.5 is log10(2) nines.
    assertThat(labels).startsWith("0", "0.9");
    assertThat(Double.parseDouble(ours.selectFirst("line.threshold").attr("y1")))
        .isCloseTo(top + height - Math.log10(2) / nines * height, within(0.1));
    // The baseline's scores exceed 1, so its axis is stretched: its top label is above 1.
    Element baseline =
        timeline(ReportSamples.SHOP).selectFirst("g.track[data-method=Random Cut Forest]");
    assertThat(Double.parseDouble(baseline.select("text.axis-label").last().text()))
        .isGreaterThan(2.6);
  }

  @Test
  void bandsRuntimeStatesInRunsOfEqualState() {
    Elements states = timeline(ReportSamples.SHOP).select("rect.state");

    // online-shop: 0, fault 3, 0, fault 3, 0 (to window 180), then 1/2 alternating every 30/10
    // windows with a fault in between.
    assertThat(states.size()).isBetween(10, 20);
    for (int i = 1; i < states.size(); i++) {
      assertThat(states.get(i).attr("fill")).isNotEqualTo(states.get(i - 1).attr("fill"));
    }
  }

  @Test
  void plotsEveryProjectedWindowTwiceColoredByStateAndByFaultType() {
    Elements plots = page.select("svg.projection");

    assertThat(plots).hasSize(4);
    for (Element plot : plots) {
      assertThat(plot.select("circle.point")).hasSize(ReportSamples.WINDOWS - 10);
    }
    Element byType = plots.get(1);
    assertThat(byType.select("circle.point").eachAttr("data-category"))
        .contains("normal", "latency", ReportSamples.QUOTED_TYPE);
    long faulty =
        data.windows().stream()
            .filter(w -> w.system().equals(ReportSamples.SHOP) && w.projected())
            .filter(w -> !w.faultType(data.faults()).equals("normal"))
            .count();
    assertThat(byType.select("circle.point:not([data-category=normal])")).hasSize((int) faulty);
    assertThat(plots.get(0).select("circle.point").eachAttr("data-category"))
        .containsOnly("0", "1", "2", "3");
  }

  @Test
  void confusionMatrixCountsTrueTypesAgainstNamedOnesWithUnknownLast() {
    Element table = page.selectFirst("table.confusion");

    assertThat(table.select("tr").first().select("th").eachText())
        .containsExactly(
            "true \\ predicted",
            ReportSamples.QUOTED_TYPE,
            "errors",
            "latency",
            "unknown",
            "faults");
    assertThat(cell(table, "latency", "latency")).isEqualTo("2");
    assertThat(cell(table, "latency", "unknown")).isEqualTo("1");
    assertThat(cell(table, ReportSamples.QUOTED_TYPE, "latency")).isEqualTo("1");
    assertThat(cell(table, ReportSamples.QUOTED_TYPE, ReportSamples.QUOTED_TYPE)).isEqualTo("0");
    assertThat(cell(table, "errors", "errors")).isEqualTo("1");
    assertThat(table.select("td.diagonal")).hasSize(3);
  }

  @Test
  void localizationShowsTheTopFiveAndTheRankOfTheTrueRootCause() {
    Elements rows = page.select("table.localization tr.fault-row");

    assertThat(rows).hasSize(5);
    assertThat(rows.eachText()).allMatch(text -> !text.isEmpty());
    assertThat(rows.select("td.rank").eachText()).containsExactly("1", "3", "7", "–", "miss");
    assertThat(rows.get(0).select("ol.candidates li")).hasSize(5);
    assertThat(rows.get(0).select(".hit").text()).isEqualTo("payment");
    assertThat(rows.get(3).select("ol.candidates li").eachText())
        .containsExactly("gateway", "orders");
  }

  @Test
  void serviceGraphsDrawTheFirstAlertsCallPathsColoredByChangeWithCallersLeftOfCallees() {
    Elements figures = page.select("figure.service-graph");

    assertThat(figures.eachAttr("data-fault")).containsExactly("shop-1", "shop-2");
    Element first = figures.get(0);
    assertThat(first.select("line.call")).hasSize(5);
    assertThat(first.select("line.call.slower title").text())
        .startsWith("checkout -> payment: slower");
    assertThat(first.select("line.call.gone")).hasSize(1);
    assertThat(first.select("g.service.root-cause title").eachText()).containsExactly("payment");
    assertThat(first.select("g.service.suspect title").eachText()).containsExactly("payment");
    assertThat(first.selectFirst("figcaption").text())
        .isEqualTo("shop-1: latency at payment; 2 changed call paths");
    Map<String, Double> x = new java.util.HashMap<>();
    for (Element service : first.select("g.service")) {
      x.put(
          service.selectFirst("title").text(),
          Double.parseDouble(service.selectFirst("rect").attr("x")));
    }
    assertThat(x.get("frontend")).isLessThan(x.get("checkout"));
    assertThat(x.get("checkout")).isLessThan(x.get("payment")).isEqualTo(x.get("cart"));
    assertThat(x.get("payment")).isEqualTo(x.get("email")).isEqualTo(x.get("redis"));
    // A cycle ends: both services drawn, each inside its figure.
    assertThat(figures.get(1).select("g.service")).hasSize(2);
    for (Element figure : figures) {
      double width = Double.parseDouble(figure.selectFirst("svg").attr("width"));
      for (Element rect : figure.select("g.service rect")) {
        assertThat(Double.parseDouble(rect.attr("x")) + Double.parseDouble(rect.attr("width")))
            .isLessThanOrEqualTo(width);
      }
    }
    assertThat(figures.get(1).select("line.call.failing")).hasSize(1);
  }

  @Test
  void everyCallGoesOneColumnOrMoreRightButTheOneClosingACycle() {
    // Depth first from frontend (nobody calls it), cart before checkout: checkout -> cart closes
    // the cycle; audit and ledger only call each other, so the first by name starts.
    List<ServiceEdge> edges =
        List.of(
            ReportSamples.edge("frontend", "checkout", ""),
            ReportSamples.edge("frontend", "cart", ""),
            ReportSamples.edge("checkout", "cart", ""),
            ReportSamples.edge("cart", "checkout", ""),
            ReportSamples.edge("cart", "cart", ""),
            ReportSamples.edge("ledger", "audit", ""),
            ReportSamples.edge("audit", "ledger", ""));

    assertThat(ServiceGraphSvg.depths(edges))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("frontend", 0, "cart", 1, "checkout", 2, "audit", 0, "ledger", 1));
  }

  @Test
  void largeServiceGraphsKeepTheChangedPathsAndThoseOfTheNamedServices() {
    List<ServiceEdge> edges = new java.util.ArrayList<>();
    for (int i = 0; i < 3 * ServiceGraphSvg.MAX_DRAWN; i++) {
      edges.add(ReportSamples.edge("gateway", "svc-" + i, ""));
    }
    edges.add(ReportSamples.edge("svc-7", "db", ServiceEdge.FAILING));
    edges.add(ReportSamples.edge("svc-9", "cache", ""));

    List<ServiceEdge> drawn = ServiceGraphSvg.drawn(edges, "cache", "svc-7");

    assertThat(drawn).hasSize(ServiceGraphSvg.MAX_DRAWN);
    assertThat(drawn.get(0).toString()).isEqualTo("svc-7 -> db: failing");
    assertThat(drawn)
        .extracting(ServiceEdge::toString)
        .contains("svc-9 -> cache", "gateway -> svc-7");
  }

  @Test
  void methodsTableKeepsTheGivenOrderAndShowsMissingValuesAsDashes() {
    Elements rows = page.select("table.methods tr.method");

    assertThat(rows.select("th").eachText())
        .containsExactly("RuntimeSlicer", "Random Cut Forest", "threshold on error ratio");
    assertThat(rows.get(0).select("td").eachText())
        .containsExactly(
            "0.750", "1.000", "0.857", "42.5", "1.50", "0.600", "0.600", "0.250", "0.500", "0.500");
    assertThat(rows.get(2).select("td").eachText())
        .containsExactly("0.400", "0.600", "0.480", "–", "6.00", "–", "–", "–", "–", "–");
  }

  @Test
  void escapesTextFromTelemetry() {
    assertThat(page.select("script")).isEmpty();
    assertThat(html)
        .doesNotContain("<script>")
        .contains("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    assertThat(page.select("table.localization td").eachText())
        .contains(ReportSamples.HOSTILE_SERVICE);
    assertThat(page.select("table.localization li").eachText())
        .contains(ReportSamples.HOSTILE_SERVICE);
    assertThat(page.title()).isEqualTo("Evaluation <two systems>");
    assertThat(page.select("section.system > svg.timeline g.fault title").eachText())
        .anyMatch(title -> title.contains(ReportSamples.HOSTILE_SERVICE));
    assertThat(page.select("td[data-true]").eachAttr("data-true"))
        .contains(ReportSamples.QUOTED_TYPE);
    assertThat(page.select("figure.service-graph g.service title").eachText())
        .contains(ReportSamples.HOSTILE_SERVICE);
  }

  @Test
  void loadsNothingFromElsewhere() {
    assertThat(page.select("[src]")).isEmpty();
    assertThat(page.select("[href]").eachAttr("href")).allMatch(href -> href.startsWith("data:"));
    assertThat(page.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content"))
        .startsWith("default-src 'none'");
  }

  @Test
  void methodResultLeavesTriageAndLocalizationOutWhenNothingWasDetected() {
    DetectionScore nothing =
        FailureScoring.detection(
            List.of(ReportSamples.SHOP_LATENCY_1), List.of(), 60_000, 3_600_000);

    MethodResult result = MethodResult.of("idle", nothing);

    assertThat(result.recall()).isZero();
    assertThat(result.medianDelaySeconds()).isNaN();
    assertThat(result.triageMacroF1()).isNaN();
    assertThat(result.top5()).isNaN();
  }

  @Test
  void writesTheSamePageToAFile(@TempDir Path folder) throws Exception {
    Path file = folder.resolve("out/report.html");

    EvaluationReportWriter.write(data, file);

    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(html);
  }

  private Element timeline(String system) {
    return page.selectFirst("section.system > svg.timeline[data-system=" + system + "]");
  }

  private static String cell(Element table, String trueType, String predicted) {
    for (Element cell : table.select("td[data-true]")) {
      if (cell.attr("data-true").equals(trueType)
          && cell.attr("data-predicted").equals(predicted)) {
        return cell.text();
      }
    }
    throw new AssertionError("no cell " + trueType + " x " + predicted);
  }
}
