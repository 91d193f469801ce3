package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ConditionRetrievalTest {

  private static final long MINUTE = 60_000;

  /** Back-to-back one-minute windows of {@code system}, with {@code requests[i]} requests. */
  private static List<Window> windows(String system, long... requests) {
    FeatureSchema schema = FeatureSchema.defaults();
    List<Window> windows = new ArrayList<>();
    try (SliceFeaturizer raw = new SliceFeaturizer(schema, FeatureNormalization.identity(schema))) {
      for (int i = 0; i < requests.length; i++) {
        ServiceSlice service = new ServiceSlice();
        service.service = "front";
        service.traces.requests = requests[i];
        service.traces.spans = requests[i];
        RuntimeSlice slice = new RuntimeSlice();
        slice.system = system;
        slice.windowStartMs = i * MINUTE;
        slice.windowEndMs = (i + 1) * MINUTE;
        slice.services = List.of(service);
        windows.add(TrainingWindows.raw(raw, slice));
      }
    }
    return windows;
  }

  @Test
  void conditionsAreFaultTypesInProgressOrNormalLoadAboveOrBelowTheSystemsMedian() {
    List<Window> windows = new ArrayList<>(windows("shop", 60, 600, 120, 900, 60));
    windows.addAll(windows("bank", 6_000));
    FaultWindows faults =
        new FaultWindows(
            List.of(new FaultLabel("shop", "f1", "cpu_hog", 4 * MINUTE, 5 * MINUTE, "db", "", "")));

    assertThat(RuntimeConditions.of(windows, faults))
        .containsExactly(
            "shop normal:low",
            "shop normal:high",
            "shop normal:low",
            "shop normal:high",
            "shop fault:cpu_hog",
            "bank normal:low");
    assertThat(RuntimeConditions.requestRate(windows.get(1).features()))
        .isCloseTo(10.0, org.assertj.core.data.Offset.offset(1e-4));
  }

  /** Unit vectors: one direction per condition plus noise of the given size. */
  private static float[][] vectors(List<String> conditions, double noise, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<String> distinct = conditions.stream().distinct().toList();
    float[][] out = new float[conditions.size()][distinct.size() + 8];
    for (int i = 0; i < out.length; i++) {
      out[i][distinct.indexOf(conditions.get(i))] = 1f;
      double norm = 0;
      for (int d = 0; d < out[i].length; d++) {
        out[i][d] += (float) (noise * (random.nextDouble() - 0.5));
        norm += out[i][d] * out[i][d];
      }
      for (int d = 0; d < out[i].length; d++) {
        out[i][d] /= (float) Math.sqrt(norm);
      }
    }
    return out;
  }

  @Test
  void embeddingsThatTellConditionsApartRetrieveTheirConditionAndOthersDoNot() {
    List<Window> windows = new ArrayList<>();
    List<String> conditions = new ArrayList<>();
    String[] names = {"a normal:low", "a normal:high", "a fault:x", "b normal:low", "b fault:y"};
    for (int i = 0; i < 400; i++) {
      String system = i % 5 < 3 ? "a" : "b";
      windows.add(new Window(system, i * MINUTE, (i + 1) * MINUTE, null));
      conditions.add(names[i % 5]);
    }
    ConditionRetrieval.Result aligned =
        ConditionRetrieval.measure(
            windows, conditions, vectors(conditions, 0.2, 1), vectors(conditions, 0.2, 2));
    assertThat(aligned.queries()).isEqualTo(400);
    assertThat(aligned.top1()).isGreaterThan(0.95);

    // Queries that know nothing of the condition: top-1 near chance, which is one in the number
    // of conditions (five) when targets cluster by condition; the own window ranked mid-way.
    ConditionRetrieval.Result blind =
        ConditionRetrieval.measure(
            windows, conditions, vectors(conditions, 1e3, 1), vectors(conditions, 0.2, 2));
    assertThat(blind.top1()).isLessThan(0.3);
    assertThat(blind.ownMedianRank()).isGreaterThan(8);
  }
}
