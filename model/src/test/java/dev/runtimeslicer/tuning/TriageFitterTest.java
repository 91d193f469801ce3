package dev.runtimeslicer.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.evaluation.FaultLabel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriageFitterTest {

  @Test
  void reportsTheMostLikelyTypesAccuracyBesideTheAnswersThatNameAType() {
    Map<FaultLabel, List<float[]>> examples = new LinkedHashMap<>();
    examples.put(fault("a1", "cpu"), List.of(new float[] {1, 0.6f, 0}));
    examples.put(fault("a2", "cpu"), List.of(new float[] {1, 0.6f, 0.05f}));
    examples.put(fault("b1", "delay"), List.of(new float[] {0.6f, 1, 0}));
    examples.put(fault("b2", "delay"), List.of(new float[] {0.6f, 1, 0.05f}));

    // No answer is ever sure enough to name a type, yet every held-out incident's most likely type is right.
    TriageFitter.Result unsure = TriageFitter.fit(examples, 0.9999, 0.25, 5);
    assertThat(unsure.report().get("cvAccuracy")).isEqualTo(0.0);
    assertThat(unsure.report().get("cvMostLikelyAccuracy")).isEqualTo(1.0);

    TriageFitter.Result sure = TriageFitter.fit(examples, 0.0, 0.25, 5);
    assertThat(sure.report().get("cvAccuracy")).isEqualTo(1.0);
    assertThat(sure.head().suspects()).isEqualTo(5);
    assertThat(sure.head().classify(new float[] {0.9f, 0.2f, 0}).type()).isEqualTo("cpu");
  }

  private static FaultLabel fault(String id, String type) {
    return new FaultLabel("shop", id, type, 0, 60_000, "cart", null, null);
  }
}
