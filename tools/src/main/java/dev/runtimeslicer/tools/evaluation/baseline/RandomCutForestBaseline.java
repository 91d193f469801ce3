package dev.runtimeslicer.tools.evaluation.baseline;

import com.amazon.randomcutforest.RandomCutForest;
import com.amazon.randomcutforest.returntypes.DiVector;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The Random Cut Forest baseline of one system, on raw per-window features ({@link
 * ServiceSummaryVectorizer}, standardized on the training windows).
 *
 * <ul>
 *   <li>Fit: the forest learns the training windows in time order. Each window is scored before the
 *       forest learns it (once the forest is ready), so training scores are out-of-sample.
 *   <li>Threshold: the {@code thresholdQuantile} of those training scores, over the windows that
 *       overlap no labeled fault (all of them without labels).
 *   <li>Detection: the fitted forest, no longer learning, scores each test window; alerts follow
 *       {@link AlertHysteresis}. An alert starts when it fires, at the end of the window it fired
 *       on, and ends at the end of the window it resolved on.
 *   <li>Localization: services ranked by the forest's anomaly attribution of the firing window,
 *       summed over each service's dimensions.
 *   <li>Triage: the fault type of the nearest labeled training fault window to the firing window
 *       ({@link NearestFaultTriage}), "unknown" without labels.
 * </ul>
 */
public final class RandomCutForestBaseline {

  private final String system;
  private final ServiceSummaryVectorizer vectorizer;
  private final DimensionScaler scaler;
  private final RandomCutForest forest;
  private final NearestFaultTriage triage;
  private final double threshold;
  private final AlertHysteresis hysteresis;

  private RandomCutForestBaseline(
      String system,
      ServiceSummaryVectorizer vectorizer,
      DimensionScaler scaler,
      RandomCutForest forest,
      NearestFaultTriage triage,
      double threshold,
      AlertHysteresis hysteresis) {
    this.system = system;
    this.vectorizer = vectorizer;
    this.scaler = scaler;
    this.forest = forest;
    this.triage = triage;
    this.threshold = threshold;
    this.hysteresis = hysteresis;
  }

  /**
   * Fits on the training windows of one system (sorted here by window start, never shuffled);
   * {@code labels} may hold other systems' faults, which are ignored, or be empty.
   */
  public static RandomCutForestBaseline fit(
      List<RuntimeSlice> training, List<FaultLabel> labels, RcfBaselineSettings settings) {
    return fit(training, labels, List.of(), settings);
  }

  /**
   * As {@link #fit(List, List, RcfBaselineSettings)}; the windows of {@code excluded} faults
   * (held-out types) set neither the threshold nor triage.
   */
  public static RandomCutForestBaseline fit(
      List<RuntimeSlice> training,
      List<FaultLabel> labels,
      List<FaultLabel> excluded,
      RcfBaselineSettings settings) {
    List<RuntimeSlice> ordered = inTimeOrder(training);
    String system = systemOf(ordered);
    if (ordered.size() <= settings.outputAfter()) {
      throw new IllegalArgumentException(
          "system "
              + system
              + ": "
              + ordered.size()
              + " training windows; the forest scores only after "
              + settings.outputAfter()
              + " (a quarter of the sample size), so it needs more");
    }
    ServiceSummaryVectorizer vectorizer = ServiceSummaryVectorizer.fit(ordered);
    if (vectorizer.dimensions() == 0) {
      throw new IllegalArgumentException(
          "system " + system + ": the training windows name no service");
    }
    List<double[]> raw = ordered.stream().map(vectorizer::vector).toList();
    DimensionScaler scaler = DimensionScaler.fit(raw, vectorizer.dimensions(), settings.minScale());
    RandomCutForest forest =
        RandomCutForest.builder()
            .dimensions(vectorizer.dimensions())
            .numberOfTrees(settings.trees())
            .sampleSize(settings.sampleSize())
            .outputAfter(settings.outputAfter())
            .randomSeed(settings.seed())
            .parallelExecutionEnabled(false)
            .build();
    List<FaultLabel> faults =
        labels.stream().filter(label -> label.system().equals(system)).toList();
    List<FaultLabel> left =
        excluded.stream().filter(label -> label.system().equals(system)).toList();
    NearestFaultTriage triage = new NearestFaultTriage();
    List<Double> normalScores = new ArrayList<>();
    for (int i = 0; i < ordered.size(); i++) {
      RuntimeSlice slice = ordered.get(i);
      double[] point = scaler.apply(raw.get(i));
      FaultLabel fault = faultOf(slice, faults);
      if (fault != null) {
        triage.add(point, fault.type());
      }
      if (forest.isOutputReady() && fault == null && faultOf(slice, left) == null) {
        normalScores.add(forest.getAnomalyScore(point));
      }
      forest.update(point);
    }
    if (normalScores.isEmpty()) {
      throw new IllegalArgumentException(
          "system "
              + system
              + ": no training window outside the labeled faults was scored,"
              + " so there is nothing to set the threshold from");
    }
    double threshold =
        new Percentile(settings.thresholdQuantile() * 100)
            .evaluate(normalScores.stream().mapToDouble(Double::doubleValue).toArray());
    return new RandomCutForestBaseline(
        system, vectorizer, scaler, forest, triage, threshold, settings.hysteresis());
  }

  /** The system this baseline was fitted on. */
  public String system() {
    return system;
  }

  /** The score above which a window counts as anomalous. */
  public double threshold() {
    return threshold;
  }

  /** The services the baseline knows, fixed at training time. */
  public List<String> services() {
    return vectorizer.services();
  }

  /** Labeled training fault windows that triage compares with. */
  public int triageExamples() {
    return triage.examples();
  }

  /**
   * Scores, alerts and diagnoses of the test windows of this system (sorted here by window start).
   */
  public BaselineResult detect(List<RuntimeSlice> test) {
    List<RuntimeSlice> ordered = inTimeOrder(test);
    if (!ordered.isEmpty() && !systemOf(ordered).equals(system)) {
      throw new IllegalArgumentException(
          "fitted on system " + system + ", asked to score " + systemOf(ordered));
    }
    List<double[]> points =
        ordered.stream().map(slice -> scaler.apply(vectorizer.vector(slice))).toList();
    List<WindowScore> scores = new ArrayList<>(ordered.size());
    boolean[] above = new boolean[ordered.size()];
    for (int i = 0; i < ordered.size(); i++) {
      RuntimeSlice slice = ordered.get(i);
      double score = forest.getAnomalyScore(points.get(i));
      scores.add(new WindowScore(system, slice.windowStartMs, slice.windowEndMs, score));
      above[i] = score > threshold;
    }
    List<ScoredAlert> alerts = new ArrayList<>();
    for (AlertHysteresis.Episode episode : hysteresis.episodes(above)) {
      double[] firing = points.get(episode.firing());
      alerts.add(
          new ScoredAlert(
              system,
              ordered.get(episode.firing()).windowEndMs,
              ordered.get(episode.resolved()).windowEndMs,
              triage.typeOf(firing),
              rankServices(firing)));
    }
    return new BaselineResult(system, threshold, scores, alerts);
  }

  /**
   * All known services, most anomalous first by the forest's attribution of {@code point}; ties by
   * name.
   */
  private List<String> rankServices(double[] point) {
    DiVector attribution = forest.getAnomalyAttribution(point);
    List<String> services = vectorizer.services();
    double[] perService = new double[services.size()];
    for (int d = 0; d < attribution.getDimensions(); d++) {
      perService[vectorizer.serviceOf(d)] += attribution.getHighLowSum(d);
    }
    List<Integer> order = new ArrayList<>();
    for (int s = 0; s < services.size(); s++) {
      order.add(s);
    }
    order.sort(
        Comparator.<Integer>comparingDouble(s -> -perService[s]).thenComparing(services::get));
    return order.stream().map(services::get).toList();
  }

  /** The labeled fault whose [start, end] the window [windowStart, windowEnd) overlaps, or null. */
  private static FaultLabel faultOf(RuntimeSlice slice, List<FaultLabel> faults) {
    for (FaultLabel fault : faults) {
      if (slice.windowStartMs <= fault.endMs() && slice.windowEndMs > fault.startMs()) {
        return fault;
      }
    }
    return null;
  }

  private static List<RuntimeSlice> inTimeOrder(List<RuntimeSlice> slices) {
    List<RuntimeSlice> ordered = new ArrayList<>(slices);
    ordered.sort(Comparator.comparingLong((RuntimeSlice s) -> s.windowStartMs));
    return ordered;
  }

  private static String systemOf(List<RuntimeSlice> ordered) {
    if (ordered.isEmpty()) {
      throw new IllegalArgumentException("no windows");
    }
    String system = ordered.get(0).system;
    for (RuntimeSlice slice : ordered) {
      if (!slice.system.equals(system)) {
        throw new IllegalArgumentException(
            "one baseline is one system's: windows of "
                + system
                + " and "
                + slice.system
                + " are mixed");
      }
    }
    return system;
  }
}
