package dev.runtimeslicer.tuning;

import dev.runtimeslicer.evaluation.FaultLabel;
import dev.runtimeslicer.state.Vectors;
import dev.runtimeslicer.task.TriageHead;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits the triage head from labeled incidents: one prototype per fault type from the triage
 * features of its incidents' most anomalous windows, and the softmax temperature that gives
 * held-out incidents (leave one incident out) the best log-likelihood.
 */
final class TriageFitter {

  private static final double[] TEMPERATURES = {0.02, 0.05, 0.1, 0.2, 0.3, 0.5, 1.0};
  /** Probabilities are floored here in the log-likelihood, so one confident miss does not dominate. */
  private static final double MIN_PROBABILITY = 1e-6;

  /** The head (or null with fewer than two types) and what cross-validation measured. */
  record Result(TriageHead head, Map<String, Object> report) {}

  private TriageFitter() {}

  /** @param examples per incident, the triage features of its windows (most anomalous first) */
  static Result fit(Map<FaultLabel, List<float[]>> examples, double minProbability, double embeddingWeight,
      int suspects) {
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, List<FaultLabel>> byType = new TreeMap<>();
    examples.forEach((fault, features) -> {
      if (!features.isEmpty()) {
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
    double bestAccuracy = 0;
    double bestTopAccuracy = 0;
    for (double temperature : TEMPERATURES) {
      double loss = 0;
      int windows = 0;
      int hits = 0;
      int topHits = 0;
      int incidents = 0;
      for (FaultLabel heldOut : examples.keySet()) {
        List<float[]> held = examples.get(heldOut);
        if (held.isEmpty()) {
          continue;
        }
        TriageHead head = head(examples, heldOut, temperature, minProbability, embeddingWeight, suspects);
        if (head == null || !head.types().contains(heldOut.type())) {
          continue;
        }
        int truth = head.types().indexOf(heldOut.type());
        for (float[] features : held) {
          loss -= Math.log(Math.max(MIN_PROBABILITY, head.probabilities(features)[truth]));
          windows++;
        }
        hits += head.classify(held.get(0)).type().equals(heldOut.type()) ? 1 : 0;
        topHits += head.mostLikely(held.get(0)) == truth ? 1 : 0;
        incidents++;
      }
      if (windows > 0 && loss / windows < bestLoss) {
        bestLoss = loss / windows;
        bestTemperature = temperature;
        bestAccuracy = incidents == 0 ? 0 : hits / (double) incidents;
        bestTopAccuracy = incidents == 0 ? 0 : topHits / (double) incidents;
      }
    }
    report.put("temperature", bestTemperature);
    report.put("cvLogLoss", Double.isFinite(bestLoss) ? bestLoss : null);
    report.put("cvAccuracy", bestAccuracy);
    // The most likely type's accuracy, "unknown" aside: when cvAccuracy is 0 because every answer
    // fell below the minimum probability, this says whether the ranking of types still holds.
    report.put("cvMostLikelyAccuracy", bestTopAccuracy);
    return new Result(head(examples, null, bestTemperature, minProbability, embeddingWeight, suspects), report);
  }

  /** Prototypes from every incident but {@code leftOut} (null: all). */
  private static TriageHead head(Map<FaultLabel, List<float[]>> examples, FaultLabel leftOut, double temperature,
      double minProbability, double embeddingWeight, int suspects) {
    Map<String, float[]> sums = new TreeMap<>();
    examples.forEach((fault, features) -> {
      if (fault.equals(leftOut)) {
        return;
      }
      for (float[] feature : features) {
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
    return new TriageHead(types, prototypes, temperature, minProbability, embeddingWeight, suspects);
  }
}
