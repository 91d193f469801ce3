package dev.runtimeslicer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ServiceDeviationTest {

  private static final long MINUTE = 60_000;

  /** Non-overlapping windows of system "s", each with services a, b, c as small random vectors. */
  private static List<Map<String, float[]>> vectors(
      int count, SplittableRandom random, double noiseOfB) {
    List<Map<String, float[]>> rows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Map<String, float[]> row = new LinkedHashMap<>();
      for (String service : List.of("a", "b", "c")) {
        double noise = service.equals("b") ? noiseOfB : 0.1;
        row.put(
            service,
            new float[] {
              (float) (noise * random.nextGaussian()), (float) (noise * random.nextGaussian())
            });
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<Window> windows(int count, long offset) {
    List<Window> windows = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      windows.add(new Window("s", offset + i * MINUTE, offset + (i + 1) * MINUTE, null));
    }
    return windows;
  }

  @Test
  void theDeviatingServiceRanksFirstAndNoisyServicesAreScaledDown() {
    SplittableRandom random = new SplittableRandom(1);
    // b is ten times noisier than the others in normal times; without scaling it would always rank
    // first.
    List<Window> references = windows(200, 0);
    List<Map<String, float[]>> referenceVectors = vectors(200, random, 1.0);
    List<Window> test = windows(40, 1000 * MINUTE);
    List<Map<String, float[]>> testVectors = vectors(40, random, 1.0);
    // Windows 20..29 are faulty with root cause "a", which moves far from its normal.
    for (int i = 20; i < 30; i++) {
      testVectors.get(i).put("a", new float[] {2f, -2f});
    }
    FaultWindows faults =
        new FaultWindows(
            List.of(
                new FaultLabel(
                    "s",
                    "f1",
                    "cpu_saturation",
                    test.get(20).startMs(),
                    test.get(29).endMs() - 1,
                    "a",
                    "",
                    "")));

    ServiceDeviation.Measures measures =
        ServiceDeviation.evaluate(
            test, testVectors, references, referenceVectors, faults, ServiceDeviation.EUCLIDEAN);

    assertThat(measures.faultyWindows()).isEqualTo(10);
    assertThat(measures.top1()).isEqualTo(1.0);
    assertThat(measures.top3()).isEqualTo(1.0);
    assertThat(measures.auroc()).isEqualTo(1.0);
  }

  @Test
  void anUnchangedRootCauseScoresLikeChance() {
    SplittableRandom random = new SplittableRandom(2);
    List<Window> references = windows(200, 0);
    List<Map<String, float[]>> referenceVectors = vectors(200, random, 0.1);
    List<Window> test = windows(400, 1000 * MINUTE);
    List<Map<String, float[]>> testVectors = vectors(400, random, 0.1);
    FaultWindows faults =
        new FaultWindows(
            List.of(
                new FaultLabel(
                    "s",
                    "f1",
                    "cpu_saturation",
                    test.get(0).startMs(),
                    test.get(199).endMs() - 1,
                    "a",
                    "",
                    "")));

    ServiceDeviation.Measures measures =
        ServiceDeviation.evaluate(
            test, testVectors, references, referenceVectors, faults, ServiceDeviation.EUCLIDEAN);

    assertThat(measures.auroc()).isBetween(0.4, 0.6);
    assertThat(measures.top1()).isBetween(0.2, 0.5);
  }
}
