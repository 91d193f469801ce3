package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.task.TriageHead;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TriageFitterTest {

  @Test
  void lowersTheAbstentionThresholdWhenUnsureAnswersAreRight() {
    Map<FaultLabel, TriageFitter.Examples> examples = new LinkedHashMap<>();
    examples.put(fault("a1", "cpu"), same(new float[] {1, 0.6f, 0}));
    examples.put(fault("a2", "cpu"), same(new float[] {1, 0.6f, 0.05f}));
    examples.put(fault("b1", "delay"), same(new float[] {0.6f, 1, 0}));
    examples.put(fault("b2", "delay"), same(new float[] {0.6f, 1, 0.05f}));

    // Every held-out incident's most likely type is right, but never with a probability near
    // 0.9999:
    // the cap would answer "unknown" throughout, so the threshold comes down until they are named.
    TriageFitter.Result fitted = TriageFitter.fit(examples, 0.9999, 0.25, 3);

    assertThat(fitted.report().get("cvMostLikelyAccuracy")).isEqualTo(1.0);
    assertThat(fitted.report().get("cvAccuracy")).isEqualTo(1.0);
    assertThat(fitted.report().get("cvMacroF1")).isEqualTo(1.0);
    assertThat(fitted.head().minProbability()).isLessThan(0.9999);
    assertThat(fitted.head().suspects()).isEqualTo(3);
    assertThat(fitted.head().classify(new float[] {0.9f, 0.2f, 0}).type()).isEqualTo("cpu");
  }

  @Test
  void keepsTheCautiousThresholdWhenUnsureAnswersAreWrong() {
    Map<FaultLabel, TriageFitter.Examples> examples = new LinkedHashMap<>();
    // Two clear incidents per type, and one per type that looks like the other type.
    examples.put(fault("a1", "cpu"), same(new float[] {1, 0, 0}));
    examples.put(fault("a2", "cpu"), same(new float[] {1, 0.02f, 0}));
    examples.put(fault("a3", "cpu"), same(new float[] {0.5f, 0.55f, 0}));
    examples.put(fault("b1", "delay"), same(new float[] {0, 1, 0}));
    examples.put(fault("b2", "delay"), same(new float[] {0.02f, 1, 0}));
    examples.put(fault("b3", "delay"), same(new float[] {0.55f, 0.5f, 0}));

    TriageFitter.Result fitted = TriageFitter.fit(examples, 0.9, 0.25, 3);

    // Naming the look-alikes costs the other type's precision; "unknown" only costs a recall.
    assertThat(fitted.report().get("cvMostLikelyAccuracy")).isEqualTo(4 / 6.0);
    assertThat(fitted.report().get("cvAccuracy")).isEqualTo(4 / 6.0);
    assertThat((double) fitted.report().get("cvMacroF1")).isGreaterThan(4 / 6.0);
    assertThat(fitted.head().minProbability()).isGreaterThan(0);
    assertThat(fitted.head().classify(new float[] {0.5f, 0.55f, 0}).type())
        .isEqualTo(TriageHead.UNKNOWN);
  }

  @Test
  void scoresHeldOutIncidentsOnTheFeaturesSeenOnline() {
    Map<FaultLabel, TriageFitter.Examples> examples = new LinkedHashMap<>();
    // At the root cause every incident shows its type; online, the first suspect of the b
    // incidents is a service the failure spread to, which looks like cpu.
    examples.put(fault("a1", "cpu"), same(new float[] {1, 0, 0}));
    examples.put(fault("a2", "cpu"), same(new float[] {1, 0.05f, 0}));
    examples.put(
        fault("b1", "delay"),
        new TriageFitter.Examples(List.of(new float[] {0, 1, 0}), new float[] {1, 0.1f, 0}));
    examples.put(
        fault("b2", "delay"),
        new TriageFitter.Examples(List.of(new float[] {0.05f, 1, 0}), new float[] {1, 0, 0.1f}));

    TriageFitter.Result fitted = TriageFitter.fit(examples, 0.5, 0.25, 3);

    assertThat(fitted.report().get("cvMostLikelyAccuracy")).isEqualTo(0.5);
    // Prototypes still learn from the root cause.
    assertThat(fitted.head().classify(new float[] {0, 1, 0}).type()).isEqualTo("delay");
  }

  /** An incident whose online features are those at its root cause. */
  private static TriageFitter.Examples same(float[] features) {
    return new TriageFitter.Examples(List.of(features), features);
  }

  private static FaultLabel fault(String id, String type) {
    return new FaultLabel("shop", id, type, 0, 60_000, "cart", null, null);
  }
}
