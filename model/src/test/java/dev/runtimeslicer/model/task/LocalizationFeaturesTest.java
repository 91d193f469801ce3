package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalizationFeaturesTest {

  @Test
  void aServiceIsComparedWithItsScoredCalleesAndCallersInEveryDeviation() {
    // web -> cart -> redis; "ghost" is called but not scored.
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    slice.services =
        List.of(service("web", "cart", "ghost"), service("cart", "redis"), service("redis"));
    Map<String, Double> deviations = Map.of("web", 3.0, "cart", 5.0, "redis", 1.0);
    Map<String, Double> symptoms = Map.of("web", 1.5, "cart", 2.5);
    Map<String, Float> metrics = Map.of("web", 0.5f, "cart", 1.0f, "redis", 4.0f);

    Map<String, double[]> features = LocalizationFeatures.of(deviations, symptoms, metrics, slice);

    assertThat(features).containsOnlyKeys("web", "cart", "redis");
    assertThat(features.get("cart")).containsExactly(5.0, 4.0, 3.0, 2.5, 2.5, 1.0, -3.0);
    assertThat(features.get("web")).containsExactly(3.0, -2.0, 0.0, 1.5, -1.0, 0.5, -0.5);
    // No scored callee: the service stands alone; no symptom deviation counts as 0.
    assertThat(features.get("redis")).containsExactly(1.0, 1.0, 5.0, 0.0, 0.0, 4.0, 4.0);
  }

  private static ServiceSlice service(String name, String... callees) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    for (String callee : callees) {
      service.traces.callees.put(callee, new CallFeatures());
    }
    return service;
  }
}
