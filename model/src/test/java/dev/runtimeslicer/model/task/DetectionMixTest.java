package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DetectionMixTest {

  @Test
  void eachPartIsScaledByItsNormalQuantileThenWeighted() {
    DetectionMix mix = new DetectionMix(0.3, 4.0, 2.0);

    // 0.3 * 8/4 + 0.7 * 1/2
    assertThat(mix.combine(8, 1)).isCloseTo(0.95, within(1e-12));
    // A window at both normal quantiles sits at 1 whatever the weight.
    assertThat(mix.combine(4, 2)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aMissingPartCountsAsNormalAndBothMissingIsUnknown() {
    DetectionMix mix = new DetectionMix(0.3, 4.0, 2.0);

    assertThat(mix.combine(Double.NaN, 2)).isCloseTo(0.7, within(1e-12));
    assertThat(mix.combine(4, Double.NaN)).isCloseTo(0.3, within(1e-12));
    assertThat(mix.combine(Double.NaN, Double.NaN)).isNaN();
    assertThat(DetectionMix.embeddingOnly().combine(5.5, 9)).isEqualTo(5.5);
  }

  @Test
  void everyServiceIsScoredFromWhicheverPartsItHas() {
    DetectionMix mix = new DetectionMix(0.3, 4.0, 2.0);

    Map<String, Double> scores =
        mix.serviceScores(Map.of("cart", 8.0, "web", 4.0), Map.of("cart", 1.0, "db", 2.0));

    assertThat(scores).containsOnlyKeys("cart", "web", "db");
    assertThat(scores.get("cart")).isCloseTo(0.95, within(1e-12));
    assertThat(scores.get("web")).isCloseTo(0.3, within(1e-12));
    assertThat(scores.get("db")).isCloseTo(0.7, within(1e-12));
    assertThat(mix.systemScore(8.0)).isCloseTo(0.6, within(1e-12));
    assertThat(DetectionMix.largest(0.6, scores)).isCloseTo(0.95, within(1e-12));
    assertThat(DetectionMix.largest(Double.NaN, Map.of("x", Double.NaN))).isNaN();
  }

  @Test
  void outOfRangeMixesAreRefused() {
    assertThatThrownBy(() -> new DetectionMix(1.5, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new DetectionMix(0.5, 0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void symptomDeviationsAreSeveritiesOrMetricDeviationsInUnitsOfTheServicesNormalScales() {
    SymptomScales scales =
        new SymptomScales(
            Map.of("shop", Map.of("cart", 0.2, "web", 0.5, "db", 0.1)),
            Map.of("shop", Map.of("cart", 2.0, "web", 1.0)));

    Map<String, Double> deviations =
        scales.deviations(
            "shop",
            new WindowSymptoms(
                Map.of("cart", 0.4f, "web", 0.5f, "db", 0.3f, "new", 0.9f),
                Map.of("cart", 1.0f, "web", 3.0f, "db", 9.0f)));

    assertThat(deviations).containsOnlyKeys("cart", "web", "db");
    // cart's severity deviates more (2) than its metrics (0.5); web's metrics more (3) than its
    // severity (1).
    assertThat(deviations.get("cart")).isCloseTo(2.0, within(1e-6));
    assertThat(deviations.get("web")).isCloseTo(3.0, within(1e-6));
    // No metric scale: the severity alone.
    assertThat(deviations.get("db")).isCloseTo(3.0, within(1e-6));
    assertThat(SymptomScales.max(deviations)).isCloseTo(3.0, within(1e-6));
    assertThat(scales.deviations("other", new WindowSymptoms(Map.of("cart", 0.4f), Map.of())))
        .isEmpty();
    assertThat(SymptomScales.max(Map.of())).isNaN();
  }
}
