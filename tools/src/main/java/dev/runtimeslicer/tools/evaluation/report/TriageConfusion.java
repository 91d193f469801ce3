package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.training.scoring.Diagnosis;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The triage confusion matrix: how often each true fault type was named as each type. Rows are the
 * true types (by name); columns are the same types, then other predicted types (by name), then
 * "unknown", which is always there.
 */
public final class TriageConfusion {

  /** The answer of a method that does not know the type. */
  public static final String UNKNOWN = "unknown";

  private final List<String> trueTypes;
  private final List<String> predictedTypes;
  private final Map<List<String>, Integer> counts;

  private TriageConfusion(
      List<String> trueTypes, List<String> predictedTypes, Map<List<String>, Integer> counts) {
    this.trueTypes = List.copyOf(trueTypes);
    this.predictedTypes = List.copyOf(predictedTypes);
    this.counts = counts;
  }

  /** The matrix of {@code diagnoses}; a missing prediction counts as unknown. */
  public static TriageConfusion of(List<Diagnosis> diagnoses) {
    TreeSet<String> truth = new TreeSet<>();
    TreeSet<String> others = new TreeSet<>();
    Map<List<String>, Integer> counts = new HashMap<>();
    for (Diagnosis diagnosis : diagnoses) {
      truth.add(diagnosis.fault().type());
      String predicted = predictedOf(diagnosis);
      others.add(predicted);
      counts.merge(List.of(diagnosis.fault().type(), predicted), 1, Integer::sum);
    }
    others.removeAll(truth);
    others.remove(UNKNOWN);
    List<String> columns = new ArrayList<>(truth);
    columns.addAll(others);
    if (!truth.contains(UNKNOWN)) {
      columns.add(UNKNOWN);
    }
    return new TriageConfusion(new ArrayList<>(truth), columns, counts);
  }

  /** Row labels. */
  public List<String> trueTypes() {
    return trueTypes;
  }

  /** Column labels. */
  public List<String> predictedTypes() {
    return predictedTypes;
  }

  /** Faults of type {@code trueType} that were named {@code predictedType}. */
  public int count(String trueType, String predictedType) {
    return counts.getOrDefault(List.of(trueType, predictedType), 0);
  }

  /** Faults of type {@code trueType}. */
  public int rowTotal(String trueType) {
    return predictedTypes.stream().mapToInt(predicted -> count(trueType, predicted)).sum();
  }

  private static String predictedOf(Diagnosis diagnosis) {
    String predicted = diagnosis.predictedType();
    return predicted == null || predicted.isEmpty() ? UNKNOWN : predicted;
  }
}
