package dev.runtimeslicer.simulator.workload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.simulator.system.EntrySpec;
import dev.runtimeslicer.simulator.system.SystemCatalog;
import dev.runtimeslicer.simulator.system.Topology;
import dev.runtimeslicer.simulator.system.WorkloadSpec;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LoadCurveTest {

  private static final long START = 1_767_225_600_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  private static double[] ratesPerSecond(WorkloadSpec spec, Duration duration, long seed) {
    LoadCurve curve = new LoadCurve(spec, START, duration, new SplittableRandom(seed));
    double[] rates = new double[(int) duration.toSeconds()];
    for (int i = 0; i < rates.length; i++) {
      rates[i] = curve.rate(START + i * SECOND);
    }
    return rates;
  }

  @Test
  void dailyCycleNoiseAndBurstsShapeTheRate() {
    List<EntrySpec> mix = List.of(new EntrySpec("a/b", 1));
    WorkloadSpec flat = new WorkloadSpec(100, 1.0, 0.0, 12.0, 0.0, 0.0, 2.0, 5.0, mix);
    assertThat(ratesPerSecond(flat, Duration.ofMinutes(10), 1)).containsOnly(100.0);

    WorkloadSpec daily = new WorkloadSpec(100, 1.0, 0.5, 12.0, 0.0, 0.0, 2.0, 5.0, mix);
    double[] day = ratesPerSecond(daily, Duration.ofDays(1), 1);
    assertThat(day[12 * 3600]).isCloseTo(150.0, org.assertj.core.data.Offset.offset(0.01));
    assertThat(day[0]).isCloseTo(50.0, org.assertj.core.data.Offset.offset(0.01));

    WorkloadSpec noisy = new WorkloadSpec(100, 1.0, 0.0, 12.0, 0.1, 0.0, 2.0, 5.0, mix);
    double[] noise = ratesPerSecond(noisy, Duration.ofHours(1), 1);
    assertThat(java.util.Arrays.stream(noise).distinct().count()).isGreaterThan(100);
    assertThat(java.util.Arrays.stream(noise).average().orElseThrow()).isBetween(85.0, 115.0);

    WorkloadSpec bursty = new WorkloadSpec(100, 1.0, 0.0, 12.0, 0.0, 48.0, 3.0, 5.0, mix);
    double[] bursts = ratesPerSecond(bursty, Duration.ofHours(1), 1);
    assertThat(java.util.Arrays.stream(bursts).max().orElseThrow()).isGreaterThan(250.0);
    assertThat(java.util.Arrays.stream(bursts).min().orElseThrow()).isEqualTo(100.0);
  }

  @Test
  void requestMixFollowsTheWeights() {
    Topology shop = Topology.compile(SystemCatalog.builtIn("online-shop"));
    RequestMix mix = new RequestMix(shop);
    SplittableRandom random = new SplittableRandom(3);
    int product = shop.operationIndex("frontend/GET /product/{id}");
    int hits = 0;
    int draws = 100_000;
    for (int i = 0; i < draws; i++) {
      hits += mix.next(random) == product ? 1 : 0;
    }
    assertThat(hits / (double) draws).isCloseTo(0.40, org.assertj.core.data.Offset.offset(0.01));
  }
}
