package dev.runtimeslicer.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.slice.MetricFeatures;
import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.slice.ServiceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricDeviationTest {

  private static final SymptomNormals NORMALS = new SymptomNormals(new FeatureNormals(Map.of("shop", Map.of(
      "cart", Map.of(
          "metrics:container.cpu.utilization", new RobustScale(0.3, 0.01),
          "metrics:jvm.memory.used", new RobustScale(100, 10),
          "traces:requests/s", new RobustScale(1, 0.1)),
      "web", Map.of("metrics:container.cpu.utilization", new RobustScale(0.3, 0.1))))));

  @Test
  void theLargestMetricShiftCountsOnALogScaleWhicheverItsSign() {
    ServiceSlice cart = service("cart");
    cart.metrics.put("container.cpu.utilization", metric(0.9)); // z 60
    cart.metrics.put("jvm.memory.used", metric(0)); // z -10
    cart.metrics.put("no.normal.series", metric(1e9));

    assertThat(MetricDeviation.of(cart, NORMALS.service("shop", "cart"))).isCloseTo(Math.log1p(60), within(1e-9));
    cart.metrics.put("container.cpu.utilization", metric(0.3));
    assertThat(MetricDeviation.of(cart, NORMALS.service("shop", "cart"))).isCloseTo(Math.log1p(10), within(1e-9));
  }

  @Test
  void aServiceWithoutMetricNormalsOrWithNonFiniteValuesDoesNotDeviate() {
    ServiceSlice cart = service("cart");
    cart.metrics.put("container.cpu.utilization", metric(Double.NaN));
    assertThat(MetricDeviation.of(cart, NORMALS.service("shop", "cart"))).isZero();
    ServiceSlice fresh = service("fresh");
    fresh.metrics.put("container.cpu.utilization", metric(0.9));
    assertThat(MetricDeviation.of(fresh, NORMALS.service("shop", "fresh"))).isZero();
  }

  @Test
  void aWindowsSymptomsGiveEveryServiceItsDeviationTheFirstOfEqualNamesCounting() {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    ServiceSlice web = service("web");
    web.metrics.put("container.cpu.utilization", metric(0.5)); // z 2
    ServiceSlice laterWeb = service("web");
    laterWeb.metrics.put("container.cpu.utilization", metric(5));
    slice.services = List.of(web, service("cart"), laterWeb);

    Map<String, Float> deviations = FailureSymptoms.ofWindow(slice, NORMALS).symptoms().metrics();

    assertThat(deviations).containsOnlyKeys("web", "cart");
    assertThat(deviations.get("web")).isCloseTo((float) Math.log1p(2), within(1e-6f));
    assertThat(deviations.get("cart")).isZero();
  }

  private static ServiceSlice service(String name) {
    ServiceSlice service = new ServiceSlice();
    service.service = name;
    return service;
  }

  private static MetricFeatures metric(double mean) {
    MetricFeatures metric = new MetricFeatures();
    metric.mean = mean;
    metric.last = mean;
    return metric;
  }
}
