package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.state.Vectors;
import dev.runtimeslicer.model.task.DiagnosedWindow;
import dev.runtimeslicer.model.task.Triage;
import dev.runtimeslicer.model.task.TriageFeatures;
import dev.runtimeslicer.model.task.TriageHead;
import dev.runtimeslicer.training.scoring.Diagnosis;
import dev.runtimeslicer.training.scoring.FailureScoring;
import dev.runtimeslicer.training.scoring.RankingScore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the triage head from labeled incidents: one prototype per fault type from the triage
 * features of its incidents' most anomalous windows at the root cause, the softmax temperature that
 * gives held-out incidents (leave one incident out) the best log-likelihood, and the probability
 * below which the head answers "unknown": the one, up to a cap, whose held-out answers (each from
 * its most anomalous window's features as online, about the first suspect) score the best macro-F1
 * (the evaluation's rule, where a wrong type costs a precision and a recall and "unknown" only a
 * recall). A fixed cap would silence a head with many types, whose right answers are rarely more
 * likely than one half.
 */
final class TriageFitter implements TaskHeadFitter {

  private static final double[] TEMPERATURES = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0};

  /**
   * Probabilities are floored here in the log-likelihood, so one confident miss does not dominate.
   */
  private static final double MIN_PROBABILITY = 1e-6;

  /** Abstention thresholds are tried in steps of 1/this, from zero up to the cap. */
  private static final int THRESHOLD_STEPS_PER_UNIT = 20;

  /**
   * One incident's triage features: about its root cause in each of its most anomalous windows
   * (most anomalous first; what prototypes learn from), and about the first suspect in the most
   * anomalous window, as the head reads a window online (null: none).
   */
  record Examples(List<float[]> atRootCause, float[] online) {}

  /** The head (or null with fewer than two types) and what cross-validation measured. */
  record Result(TriageHead head, Map<String, Object> report) {}

  private final double maxMinProbability;
  private final double embeddingWeight;
  private final int suspects;

  /**
   * @param maxMinProbability the most cautious abstention threshold considered
   * @param embeddingWeight the {@link TriageFeatures} embedding weight
   * @param suspects how many leading suspects' symptoms the features pool
   */
  TriageFitter(double maxMinProbability, double embeddingWeight, int suspects) {
    this.maxMinProbability = maxMinProbability;
    this.embeddingWeight = embeddingWeight;
    this.suspects = suspects;
  }

  @Override
  public String name() {
    return TriageHead.NAME;
  }

  @Override
  public Fitted fit(Map<FaultLabel, List<DiagnosedWindow>> incidents) {
    Map<FaultLabel, Examples> examples = new LinkedHashMap<>();
    incidents.forEach((fault, windows) -> examples.put(fault, examples(fault, windows)));
    Result result = fit(examples, maxMinProbability, embeddingWeight, suspects);
    return new Fitted(result.head(), result.report());
  }

  /**
   * An incident's features. A type's prototype is learned where the type shows: at the labeled root
   * cause when the window has it; online, the head reads the first suspect instead.
   */
  private Examples examples(FaultLabel fault, List<DiagnosedWindow> windows) {
    List<float[]> atRootCause = new ArrayList<>();
    float[] online = null;
    for (DiagnosedWindow window : windows) {
      List<String> leading = window.leadingSuspects(suspects);
      String first = leading.isEmpty() ? null : leading.get(0);
      String service = fault.rootCauseService();
      if (service == null || window.serviceEmbedding(service) == null) {
        service = first;
      }
      atRootCause.add(TriageFeatures.of(window, service, leading, embeddingWeight));
      if (online == null) {
        online = TriageFeatures.of(window, first, leading, embeddingWeight);
      }
    }
    return new Examples(atRootCause, online);
  }

  /**
   * @param examples per incident, its triage features
   * @param maxMinProbability the most cautious abstention threshold considered
   */
  static Result fit(
      Map<FaultLabel, Examples> examples,
      double maxMinProbability,
      double embeddingWeight,
      int suspects) {
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, List<FaultLabel>> byType = new TreeMap<>();
    examples.forEach(
        (fault, features) -> {
          if (!features.atRootCause().isEmpty()) {
            byType.computeIfAbsent(fault.type(), t -> new ArrayList<>()).add(fault);
          }
        });
    report.put("types", byType.size());
    Map<String, Integer> perType = new TreeMap<>();
    byType.forEach((type, faults) -> perType.put(type, faults.size()));
    report.put("incidentsPerType", perType);
    if (byType.size() < 2) {
      return new Result(null, report);
    }
    double bestTemperature = TEMPERATURES[0];
    double bestLoss = Double.POSITIVE_INFINITY;
    for (double temperature : TEMPERATURES) {
      double loss = 0;
      int windows = 0;
      for (FaultLabel heldOut : examples.keySet()) {
        TriageHead head = heldOutHead(examples, heldOut, temperature, embeddingWeight, suspects);
        if (head == null) {
          continue;
        }
        int truth = head.types().indexOf(heldOut.type());
        for (float[] features : examples.get(heldOut).atRootCause()) {
          loss -= Math.log(Math.max(MIN_PROBABILITY, head.probabilities(features)[truth]));
          windows++;
        }
      }
      if (windows > 0 && loss / windows < bestLoss) {
        bestLoss = loss / windows;
        bestTemperature = temperature;
      }
    }
    // Each held-out incident's answer at the chosen temperature, before any abstention.
    List<FaultLabel> answered = new ArrayList<>();
    List<Triage> answers = new ArrayList<>();
    for (FaultLabel heldOut : examples.keySet()) {
      TriageHead head = heldOutHead(examples, heldOut, bestTemperature, embeddingWeight, suspects);
      if (head != null && examples.get(heldOut).online() != null) {
        answered.add(heldOut);
        answers.add(head.classify(examples.get(heldOut).online()));
      }
    }
    List<Double> thresholds = new ArrayList<>(List.of(maxMinProbability));
    for (int step = (int) Math.floor(maxMinProbability * THRESHOLD_STEPS_PER_UNIT + 1e-9);
        step >= 0;
        step--) {
      thresholds.add(Math.min(maxMinProbability, step / (double) THRESHOLD_STEPS_PER_UNIT));
    }
    // From the cap down, so that of equally good thresholds the most cautious is kept.
    double minProbability = maxMinProbability;
    double bestMacroF1 = -1;
    for (double threshold : thresholds) {
      double macroF1 = scoreAt(answered, answers, threshold).triageMacroF1();
      if (macroF1 > bestMacroF1) {
        bestMacroF1 = macroF1;
        minProbability = threshold;
      }
    }
    RankingScore atThreshold = scoreAt(answered, answers, minProbability);
    report.put("temperature", bestTemperature);
    report.put("cvLogLoss", Double.isFinite(bestLoss) ? bestLoss : null);
    report.put("minProbability", minProbability);
    report.put("cvMacroF1", answered.isEmpty() ? 0.0 : atThreshold.triageMacroF1());
    report.put("cvAccuracy", answered.isEmpty() ? 0.0 : atThreshold.triageAccuracy());
    // The most likely type's accuracy, "unknown" aside: whether the ranking of types holds even
    // where the head is unsure.
    report.put(
        "cvMostLikelyAccuracy",
        answered.isEmpty() ? 0.0 : scoreAt(answered, answers, 0).triageAccuracy());
    return new Result(
        head(examples, null, bestTemperature, minProbability, embeddingWeight, suspects), report);
  }

  /**
   * The head without {@code heldOut}, or null when that leaves fewer than two types or not its own.
   */
  private static TriageHead heldOutHead(
      Map<FaultLabel, Examples> examples,
      FaultLabel heldOut,
      double temperature,
      double embeddingWeight,
      int suspects) {
    if (examples.get(heldOut).atRootCause().isEmpty()) {
      return null;
    }
    TriageHead head = head(examples, heldOut, temperature, 0, embeddingWeight, suspects);
    return head == null || !head.types().contains(heldOut.type()) ? null : head;
  }

  /** Triage of the held-out answers, each "unknown" below {@code threshold}. */
  private static RankingScore scoreAt(
      List<FaultLabel> faults, List<Triage> answers, double threshold) {
    List<Diagnosis> diagnoses = new ArrayList<>();
    for (int i = 0; i < faults.size(); i++) {
      Triage answer = answers.get(i);
      diagnoses.add(
          new Diagnosis(
              faults.get(i),
              answer.probability() >= threshold ? answer.type() : TriageHead.UNKNOWN,
              List.of()));
    }
    return FailureScoring.diagnosis(diagnoses);
  }

  /** Prototypes from every incident but {@code leftOut} (null: all). */
  private static TriageHead head(
      Map<FaultLabel, Examples> examples,
      FaultLabel leftOut,
      double temperature,
      double minProbability,
      double embeddingWeight,
      int suspects) {
    Map<String, float[]> sums = new TreeMap<>();
    examples.forEach(
        (fault, features) -> {
          if (fault.equals(leftOut)) {
            return;
          }
          for (float[] feature : features.atRootCause()) {
            float[] unit = Vectors.unit(feature);
            float[] sum = sums.computeIfAbsent(fault.type(), t -> new float[unit.length]);
            for (int i = 0; i < unit.length; i++) {
              sum[i] += unit[i];
            }
          }
        });
    if (sums.size() < 2) {
      return null;
    }
    List<String> types = new ArrayList<>(sums.keySet());
    float[][] prototypes = new float[types.size()][];
    for (int i = 0; i < types.size(); i++) {
      prototypes[i] = Vectors.unit(sums.get(types.get(i)));
    }
    return new TriageHead(
        types, prototypes, temperature, minProbability, embeddingWeight, suspects);
  }
}
