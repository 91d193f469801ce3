package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.ServiceEdge;
import dev.runtimeslicer.training.scoring.Diagnosis;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A made-up evaluation of two systems, an hour each, with a hostile service name and fault type.
 */
final class ReportSamples {

  static final String SHOP = "online-shop";
  static final String TICKETS = "ticketing";
  static final String HOSTILE_SERVICE = "<script>alert(\"pwned\")</script>";
  static final String QUOTED_TYPE = "cpu\"hog";
  static final long START_MS = 1_764_000_000_000L;
  static final long WINDOW_MS = 60_000;
  static final long SLIDE_MS = 10_000;
  static final int WINDOWS = 360;

  static final FaultLabel SHOP_LATENCY_1 = fault(SHOP, "shop-1", "latency", 60, 90, "payment");
  static final FaultLabel SHOP_LATENCY_2 =
      fault(SHOP, "shop-2", "latency", 150, 175, HOSTILE_SERVICE);
  static final FaultLabel SHOP_CPU = fault(SHOP, "shop-3", QUOTED_TYPE, 250, 280, "cart");
  static final FaultLabel TICKETS_LATENCY = fault(TICKETS, "tt-1", "latency", 100, 140, "");
  static final FaultLabel TICKETS_ERRORS = fault(TICKETS, "tt-2", "errors", 200, 230, "auth");

  private ReportSamples() {}

  static List<FaultLabel> faults() {
    return List.of(SHOP_LATENCY_1, SHOP_LATENCY_2, SHOP_CPU, TICKETS_LATENCY, TICKETS_ERRORS);
  }

  static EvaluationReportData data() {
    List<ReportWindow> windows = new ArrayList<>();
    List<float[]> embeddings = new ArrayList<>();
    List<ScoreTrack> tracks = new ArrayList<>();
    Random random = new Random(11);
    for (String system : List.of(SHOP, TICKETS)) {
      List<WindowScore> ours = new ArrayList<>();
      List<WindowScore> rcf = new ArrayList<>();
      List<String> states = new ArrayList<>();
      for (int i = 0; i < WINDOWS; i++) {
        long start = START_MS + i * SLIDE_MS;
        boolean inFault = faultAt(system, start) != null;
        double level = inFault ? 0.8 : 0.15 + 0.05 * Math.sin(i / 9.0);
        ours.add(
            new WindowScore(
                system,
                start,
                start + WINDOW_MS,
                Math.max(0, Math.min(1, level + 0.04 * random.nextGaussian()))));
        rcf.add(
            new WindowScore(
                system,
                start,
                start + WINDOW_MS,
                (inFault ? 2.6 : 0.9) + 0.15 * random.nextGaussian()));
        String state = inFault ? "3" : i < WINDOWS / 2 ? "0" : i % 40 < 30 ? "1" : "2";
        states.add(state);
        float[] embedding = new float[8];
        for (int d = 0; d < embedding.length; d++) {
          embedding[d] =
              (float) ((d == Integer.parseInt(state) ? 3 : 0) + 0.4 * random.nextGaussian());
        }
        embeddings.add(embedding);
      }
      for (int i = 0; i < WINDOWS; i++) {
        long start = START_MS + i * SLIDE_MS;
        windows.add(
            new ReportWindow(
                system, start, start + WINDOW_MS, states.get(i), Double.NaN, Double.NaN));
      }
      tracks.add(new ScoreTrack("RuntimeSlicer", system, 0.5, ours, alerts(system, true)));
      tracks.add(new ScoreTrack("Random Cut Forest", system, 1.8, rcf, alerts(system, false)));
    }
    PcaProjection projection = PcaProjection.fit(embeddings);
    List<ReportWindow> projected = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      ReportWindow window = windows.get(i);
      double[] point = projection.project(embeddings.get(i));
      // The last ten windows of each system stay unprojected, as windows without an embedding
      // would.
      boolean keep = (window.windowStartMs() - START_MS) / SLIDE_MS < WINDOWS - 10;
      projected.add(
          new ReportWindow(
              window.system(),
              window.windowStartMs(),
              window.windowEndMs(),
              window.runtimeState(),
              keep ? point[0] : Double.NaN,
              keep ? point[1] : Double.NaN));
    }
    List<Diagnosis> diagnoses =
        List.of(
            new Diagnosis(
                SHOP_LATENCY_1,
                "latency",
                List.of("payment", "cart", "frontend", "checkout", "ads", "email")),
            new Diagnosis(
                SHOP_LATENCY_2,
                "unknown",
                List.of("cart", "frontend", HOSTILE_SERVICE, "checkout", "ads")),
            new Diagnosis(
                SHOP_CPU,
                "latency",
                List.of("frontend", "payment", "ads", "email", "checkout", "currency", "cart")),
            new Diagnosis(TICKETS_LATENCY, "latency", List.of("gateway", "orders")),
            new Diagnosis(
                TICKETS_ERRORS,
                "errors",
                List.of("orders", "gateway", "seats", "payment", "notify", "search")));
    List<MethodResult> methods =
        List.of(
            new MethodResult(
                "RuntimeSlicer", 0.75, 1.0, 0.857, 42.5, 1.5, 0.6, 0.6, 0.25, 0.5, 0.5),
            new MethodResult(
                "Random Cut Forest", 0.5, 0.8, 0.615, 61, 3.25, 0.2, 0.4, 0.25, 0.25, 0.5),
            new MethodResult(
                "threshold on error ratio",
                0.4,
                0.6,
                0.48,
                Double.NaN,
                6,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN,
                Double.NaN));
    return new EvaluationReportData(
        "Evaluation <two systems>",
        "simulated online-shop & ticketing, last 25% held out",
        projected,
        faults(),
        tracks,
        diagnoses,
        methods,
        Map.of(
            SHOP_LATENCY_1.id(),
            List.of(
                edge("frontend", "checkout", ""),
                edge("checkout", "payment", ServiceEdge.SLOWER),
                edge("frontend", "cart", ""),
                edge("cart", "redis", ""),
                edge("checkout", "email", ServiceEdge.GONE)),
            SHOP_LATENCY_2.id(),
            List.of(
                edge("frontend", HOSTILE_SERVICE, ServiceEdge.FAILING),
                edge(HOSTILE_SERVICE, "frontend", ""))));
  }

  /** A call path of 100 calls a minute, normally too, changed as {@code change} says. */
  static ServiceEdge edge(String caller, String callee, String change) {
    ServiceEdge edge = new ServiceEdge();
    edge.caller = caller;
    edge.callee = callee;
    edge.callsPerMinute = ServiceEdge.GONE.equals(change) ? 0 : 100;
    edge.normalCallsPerMinute = 100.0;
    edge.change = change;
    return edge;
  }

  /** Our model alerts on every fault, the baseline on the first of each system and once falsely. */
  private static List<ScoredAlert> alerts(String system, boolean ours) {
    List<ScoredAlert> alerts = new ArrayList<>();
    List<FaultLabel> ofSystem = faults().stream().filter(f -> f.system().equals(system)).toList();
    for (int i = 0; i < ofSystem.size(); i++) {
      FaultLabel fault = ofSystem.get(i);
      if (ours || i == 0) {
        alerts.add(
            new ScoredAlert(
                system,
                fault.startMs() + 3 * SLIDE_MS,
                fault.endMs() + 2 * SLIDE_MS,
                fault.type(),
                List.of("payment", "cart")));
      }
    }
    if (!ours) {
      alerts.add(
          new ScoredAlert(
              system, START_MS + 320 * SLIDE_MS, START_MS + 326 * SLIDE_MS, "unknown", List.of()));
    }
    return alerts;
  }

  private static FaultLabel faultAt(String system, long windowStartMs) {
    return faults().stream()
        .filter(
            f ->
                f.system().equals(system)
                    && windowStartMs <= f.endMs()
                    && windowStartMs + WINDOW_MS > f.startMs())
        .findFirst()
        .orElse(null);
  }

  private static FaultLabel fault(
      String system, String id, String type, int fromWindow, int toWindow, String rootCause) {
    return new FaultLabel(
        system,
        id,
        type,
        START_MS + fromWindow * SLIDE_MS,
        START_MS + toWindow * SLIDE_MS,
        rootCause,
        "",
        "");
  }
}
