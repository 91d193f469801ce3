package dev.runtimeslicer.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeterminismTest {

  private static void simulate(Path dir, long seed) {
    try (FileTelemetrySink sink = new FileTelemetrySink(dir)) {
      Simulation.builder()
          .system("online-shop")
          .duration(Duration.ofMinutes(3))
          .faults(2)
          .seed(seed)
          .traceSampling(0.5)
          .build()
          .run(sink);
    }
  }

  @Test
  void sameSeedGivesByteIdenticalFiles(@TempDir Path dir) throws Exception {
    simulate(dir.resolve("a"), 42);
    simulate(dir.resolve("b"), 42);
    simulate(dir.resolve("c"), 43);
    for (String file :
        new String[] {
          FileTelemetrySink.TRACES,
          FileTelemetrySink.METRICS,
          FileTelemetrySink.LOGS,
          FileTelemetrySink.LABELS
        }) {
      byte[] first = Files.readAllBytes(dir.resolve("a").resolve(file));
      assertThat(first).as(file).isNotEmpty();
      assertThat(Files.readAllBytes(dir.resolve("b").resolve(file))).as(file).isEqualTo(first);
      assertThat(Files.readAllBytes(dir.resolve("c").resolve(file))).as(file).isNotEqualTo(first);
    }
  }
}
