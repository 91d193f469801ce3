package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricDeviationTest {

  private static final SymptomNormals NORMALS =
      new SymptomNormals(
          new FeatureNormals(
              Map.of(
                  "shop",
                  Map.of(
                      "cart",
                          Map.of(
                              "metrics:container.cpu.utilization", new RobustScale(0.3, 0.01),
                              "metrics:jvm.memory.used", new RobustScale(100, 10),
                              "traces:requests/s", new RobustScale(1, 0.1)),
                      "web",
                          Map.of(
                              "metrics:container.cpu.utilization", new RobustScale(0.3, 0.1))))));

  @Test
  void theLargestMetricShiftCountsOnALogScaleWhicheverItsSign() {
    ServiceSlice cart = service("cart");
    cart.metrics.put("container.cpu.utilization", metric(0.9)); // z 60
    cart.metrics.put("jvm.memory.used", metric(0)); // z -10
    cart.metrics.put("no.normal.series", metric(1e9));

    assertThat(MetricDeviation.of(cart, NORMALS.service("shop", "cart")))
        .isCloseTo(Math.log1p(60), within(1e-9));
    cart.metrics.put("container.cpu.utilization", metric(0.3));
    assertThat(MetricDeviation.of(cart, NORMALS.service("shop", "cart")))
        .isCloseTo(Math.log1p(10), within(1e-9));
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

  @Test
  void aSeriesThatFollowsLoadIsReadPerUnitOfLoadWhenTheWindowsLoadIsKnown() {
    // Network bytes proportional to load (elasticity 1): 1,000 per unit of load, spread 100.
    LoadAdjustedNormal perLoad = new LoadAdjustedNormal(1.0, new RobustScale(1_000, 100));
    SymptomNormals normals =
        new SymptomNormals(
            new FeatureNormals(
                Map.of(
                    "shop",
                    Map.of("cart", Map.of("metrics:network.io", new RobustScale(1_000, 400)))),
                Map.of("shop", Map.of("cart", Map.of("metrics:network.io", perLoad)))));
    ServiceSlice cart = service("cart");
    cart.metrics.put("network.io", metric(3_000));

    // Three times the normal load explains three times the bytes ...
    assertThat(MetricDeviation.of(cart, normals.service("shop", "cart"), 3.0))
        .isCloseTo(0, within(1e-9));
    // ... but not at the normal load, nor when the load is unknown (the raw normal: z 5).
    assertThat(MetricDeviation.of(cart, normals.service("shop", "cart"), 1.0))
        .isCloseTo(Math.log1p(20), within(1e-9));
    assertThat(MetricDeviation.of(cart, normals.service("shop", "cart"), Double.NaN))
        .isCloseTo(Math.log1p(5), within(1e-9));
  }

  @Test
  void aWindowsLoadComesFromItsServicesRequestRates() {
    Map<String, RobustScale> perService =
        Map.of(
            "traces:requests/s",
            new RobustScale(10, 2),
            "metrics:network.io",
            new RobustScale(1_000, 400));
    LoadAdjustedNormal perLoad = new LoadAdjustedNormal(1.0, new RobustScale(1_000, 100));
    SymptomNormals normals =
        new SymptomNormals(
            new FeatureNormals(
                Map.of("shop", Map.of("a", perService, "b", perService, "c", perService)),
                Map.of("shop", Map.of("a", Map.of("metrics:network.io", perLoad)))));
    RuntimeSlice surge = new RuntimeSlice();
    surge.system = "shop";
    surge.windowStartMs = 0;
    surge.windowEndMs = 60_000;
    surge.services = List.of(traced("a", 30), traced("b", 30), traced("c", 30));
    surge.services.get(0).metrics.put("network.io", metric(3_000));

    // Every service serves three times its normal rate: a's tripled bytes are the surge's.
    assertThat(FailureSymptoms.ofWindow(surge, normals).symptoms().metrics().get("a"))
        .isCloseTo(0f, within(1e-6f));
  }

  private static ServiceSlice traced(String name, double requestsPerSecond) {
    ServiceSlice service = service(name);
    service.traces = new dev.runtimeslicer.model.slice.TraceFeatures();
    service.traces.requests = (long) (requestsPerSecond * 60);
    service.traces.spans = service.traces.requests;
    service.traces.latencyP50Ms = 1;
    service.traces.latencyP99Ms = 2;
    return service;
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
