package dev.runtimeslicer.training.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.SteadySeries;
import dev.runtimeslicer.model.slice.TraceFeatures;
import dev.runtimeslicer.model.task.FeatureNormals;
import dev.runtimeslicer.model.task.LoadAdjustedNormal;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FeatureNormalsFitterTest {

  private static final long WINDOW_MS = 60_000;

  @Test
  void aSeriesThatFollowsTheSystemsLoadGetsANormalPerUnitOfLoadAndOthersDoNot() {
    FeatureNormalsFitter fitter = new FeatureNormalsFitter(7, true);
    SplittableRandom random = new SplittableRandom(1);
    for (int w = 0; w < 300; w++) {
      // The load swings from half to twice its usual level over the windows (a daily curve).
      double load = Math.exp(Math.log(2) * Math.sin(w / 20.0));
      RuntimeSlice slice = new RuntimeSlice();
      slice.system = "shop";
      slice.windowStartMs = w * 10_000L;
      slice.windowEndMs = slice.windowStartMs + WINDOW_MS;
      List<ServiceSlice> services = new ArrayList<>();
      for (String name : List.of("a", "b", "c")) {
        ServiceSlice service = new ServiceSlice();
        service.service = name;
        service.traces = new TraceFeatures();
        service.traces.requests = Math.round(600 * load * (0.95 + 0.1 * random.nextDouble()));
        service.traces.spans = service.traces.requests;
        service.traces.latencyP50Ms = 2;
        service.traces.latencyP99Ms = 5;
        service.metrics.put(
            "network.io", SteadySeries.of(1_000 * load * (0.95 + 0.1 * random.nextDouble())));
        service.metrics.put("memory.usage", SteadySeries.of(500 + 50 * random.nextDouble()));
        services.add(service);
      }
      slice.services = services;
      fitter.add(slice);
    }

    FeatureNormals normals = fitter.fit();

    LoadAdjustedNormal network = normals.loadAdjustedOf("shop", "a").get("metrics:network.io");
    assertThat(network).isNotNull();
    assertThat(network.elasticity()).isCloseTo(1.0, within(0.1));
    // A unit of load is the median window's, where the bytes are 1,000 per 10 requests/s, and the
    // spread per unit of load is far below the raw one's.
    double medianLoad = normals.of("shop", "a").get("traces:requests/s").median() / 10;
    assertThat(network.scale().median() / medianLoad).isCloseTo(1_000, within(50.0));
    assertThat(network.scale().scale())
        .isLessThan(normals.of("shop", "a").get("metrics:network.io").scale() / 4);
    assertThat(normals.loadAdjustedOf("shop", "a")).doesNotContainKey("metrics:memory.usage");
    assertThat(normals.of("shop", "a")).containsKey("metrics:memory.usage");
  }

  @Test
  void withoutLoadAdjustmentOnlyThePlainNormalsAreFitted() {
    FeatureNormalsFitter fitter = new FeatureNormalsFitter(7);
    for (int w = 0; w < 100; w++) {
      RuntimeSlice slice = new RuntimeSlice();
      slice.system = "shop";
      slice.windowStartMs = w * 10_000L;
      slice.windowEndMs = slice.windowStartMs + WINDOW_MS;
      ServiceSlice service = new ServiceSlice();
      service.service = "a";
      service.metrics.put("network.io", SteadySeries.of(1_000 + w));
      slice.services = List.of(service);
      fitter.add(slice);
    }
    FeatureNormals normals = fitter.fit();
    assertThat(normals.of("shop", "a")).containsKey("metrics:network.io");
    assertThat(normals.loadAdjusted()).isEmpty();
  }
}
