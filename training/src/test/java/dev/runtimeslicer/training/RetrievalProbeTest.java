package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.SteadySeries;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RetrievalProbeTest {

  private static final int WINDOWS = 400;
  private static final int TRAIN = 300;
  private static final long WINDOW_MS = 60_000;
  private static final String[] SERVICES = {"cart", "checkout", "frontend"};

  /**
   * Every service's request rate drives both its metric series and its trace counts, while its log
   * count is drawn on its own: the probe finds a window's traces from its metrics, not its logs.
   */
  @Test
  void findsTheModalityTheMetricsPredictAndNotTheOneTheyDoNot() {
    FeatureSchema schema = FeatureSchema.defaults();
    SliceFeaturizer raw = new SliceFeaturizer(schema, FeatureNormalization.identity(schema));
    SplittableRandom random = new SplittableRandom(3);
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < WINDOWS; i++) {
      windows.add(TrainingWindows.raw(raw, slice(i, random)));
    }
    List<Window> train = windows.subList(0, TRAIN);
    List<Window> test = windows.subList(TRAIN, WINDOWS);
    SliceFeaturizer scaled = new SliceFeaturizer(schema, TrainingWindows.fit(train, schema));
    try (NDManager manager = EncoderTrainer.engine(1).newBaseManager()) {
      RetrievalProbe probe = new RetrievalProbe(scaled, manager);
      assertThat(probe.retrieval(train, test, Modality.METRICS, Modality.TRACES))
          .isGreaterThan(0.9);
      // Chance is 1 in 64.
      assertThat(probe.retrieval(train, test, Modality.METRICS, Modality.LOGS)).isLessThan(0.2);
    }
  }

  private static RuntimeSlice slice(int index, SplittableRandom random) {
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    slice.windowStartMs = index * WINDOW_MS;
    slice.windowEndMs = slice.windowStartMs + WINDOW_MS;
    for (String name : SERVICES) {
      double rate = random.nextDouble(5, 50);
      double latencyMs = random.nextDouble(2, 20);
      ServiceSlice service = new ServiceSlice();
      service.service = name;
      service.instances.add(name + "-0");
      service.metrics.put("rpc.server.call.rate", SteadySeries.of(rate));
      service.metrics.put("rpc.server.call.duration", SteadySeries.of(latencyMs / 1000));
      service.traces.requests = Math.round(rate * WINDOW_MS / 1000);
      service.traces.spans = service.traces.requests;
      service.traces.latencyP50Ms = latencyMs;
      service.traces.latencyP90Ms = 2 * latencyMs;
      service.traces.latencyP99Ms = 3 * latencyMs;
      service.logs.total = 1 + random.nextInt(40);
      service.logs.severities.put("INFO", service.logs.total);
      service.logs.templates.put("Cache refreshed", service.logs.total);
      slice.services.add(service);
    }
    return slice;
  }
}
