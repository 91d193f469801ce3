package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.SliceFeaturizer;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TimeTrendMutingTest {

  private static final FeatureSchema SCHEMA = FeatureSchema.defaults();

  private static MetricFeatures metric(double mean, double spread) {
    MetricFeatures m = new MetricFeatures();
    m.mean = mean;
    m.min = mean - spread;
    m.max = mean + spread;
    m.last = m.max;
    m.count = 6;
    return m;
  }

  /** A day of windows: "bytes" only grows (a cumulative sum), "cpu" follows a noisy daily load. */
  private static List<Window> windows() {
    SliceFeaturizer raw = new SliceFeaturizer(SCHEMA, FeatureNormalization.identity(SCHEMA));
    SplittableRandom random = new SplittableRandom(4);
    List<Window> windows = new ArrayList<>();
    double bytes = 1e6;
    for (int i = 0; i < 3000; i++) {
      ServiceSlice service = new ServiceSlice();
      service.service = "cart";
      double load = Math.max(0.1, 1 + 0.5 * Math.sin(i / 500.0) + 0.2 * random.nextGaussian());
      bytes += 1e4 * load * random.nextDouble();
      service.metrics.put("bytes", metric(bytes, 2e4));
      service.metrics.put("cpu", metric(0.3 * load, 0.05));
      RuntimeSlice slice = new RuntimeSlice();
      slice.system = "shop";
      slice.windowStartMs = i * 10_000L;
      slice.windowEndMs = slice.windowStartMs + 60_000L;
      slice.services.add(service);
      windows.add(TrainingWindows.raw(raw, slice));
    }
    return windows;
  }

  @Test
  void growingCountersAreMutedAndDailyGaugesAreKept() {
    List<Window> windows = windows();
    boolean[] clocks = TimeTrendMuting.find(windows).get(Modality.METRICS);
    SliceFeaturizer raw = new SliceFeaturizer(SCHEMA, FeatureNormalization.identity(SCHEMA));
    // Which feature holds each series' level: featurize slices that have only that series.
    int bytesLevel = levelFeature(raw, "bytes");
    int cpuLevel = levelFeature(raw, "cpu");
    assertThat(clocks[bytesLevel]).isTrue();
    assertThat(clocks[cpuLevel]).isFalse();

    FeatureNormalization muted = TrainingWindows.learn(windows, SCHEMA);
    FeatureBatch scaled =
        new SliceFeaturizer(SCHEMA, muted).normalize(windows.get(2999).features());
    assertThat(Math.abs(scaled.tokens(Modality.METRICS)[bytesLevel])).isLessThan(1e-6f);
    assertThat(Math.abs(scaled.tokens(Modality.METRICS)[cpuLevel])).isGreaterThan(0.01f);
  }

  private static int levelFeature(SliceFeaturizer raw, String series) {
    ServiceSlice service = new ServiceSlice();
    service.service = "cart";
    service.metrics.put(series, metric(1e6, 0));
    RuntimeSlice slice = new RuntimeSlice();
    slice.system = "shop";
    slice.windowEndMs = 60_000L;
    slice.services.add(service);
    float[] token = raw.featurizeRaw(List.of(slice)).tokens(Modality.METRICS);
    // Summary features come first; the series' level is the one hashed feature of magnitude
    // log1p(1e6).
    for (int f = 6; f < token.length; f++) {
      if (Math.abs(Math.abs(token[f]) - (float) Math.log1p(1e6)) < 1e-3) {
        return f;
      }
    }
    throw new AssertionError("no level feature for " + series);
  }
}
