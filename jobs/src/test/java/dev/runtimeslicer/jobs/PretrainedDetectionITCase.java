package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.jobs.cli.RuntimeSlicerCommand;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.simulator.Simulation;
import dev.runtimeslicer.simulator.fault.FaultSpec;
import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code detect} with no bundle on a system the pretrained bundle never saw: no training, no
 * labels, no tuning. After the warm-up (shortened here to keep the test short) the system's own
 * telemetry calibrates its score, and faults injected after it raise alerts that name their root
 * cause; nothing fires during the warm-up.
 */
class PretrainedDetectionITCase {

  private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");
  private static final Duration RUN = Duration.ofMinutes(130);
  private static final String WARM_UP = "1h";

  /** Faults with a strong signal at their own service, all after the warm-up. */
  private static final List<FaultSpec> FAULTS =
      List.of(
          new FaultSpec("thread_pool_exhaustion", "currencyservice", "0", null, "80m", "5m", 0.8),
          new FaultSpec("slow_database", "redis-cart", "0", null, "95m", "5m", 0.8),
          new FaultSpec("http_5xx", "productcatalogservice", "0", null, "110m", "5m", 0.8));

  @TempDir Path dir;

  @Test
  void catchesFaultsOfASystemItNeverSawAfterTheWarmUpAlone() throws IOException {
    Path telemetry = dir.resolve("telemetry");
    try (FileTelemetrySink sink = new FileTelemetrySink(telemetry)) {
      Simulation.builder()
          .system("online-shop")
          .duration(RUN)
          .seed(5)
          .faults(FAULTS)
          .start(START)
          .build()
          .run(sink);
    }
    List<FaultLabel> faults = FaultLabelJson.read(telemetry.resolve(FileTelemetrySink.LABELS));
    assertThat(faults).hasSize(FAULTS.size());

    Path out = dir.resolve("out");
    StringWriter told = new StringWriter();
    CommandLine cli = RuntimeSlicerCommand.commandLine();
    cli.setOut(new PrintWriter(new StringWriter()));
    cli.setErr(new PrintWriter(told, true));
    int exit =
        cli.execute(
            "detect",
            "--input",
            telemetry.toString(),
            "--out",
            out.toString(),
            "--parallelism",
            "1",
            "--no-print-alerts",
            "--set",
            DetectJobOptions.LIVE_TAIL_WARM_UP.key() + "=" + WARM_UP);
    assertThat(exit).as(told.toString()).isZero();
    assertThat(told.toString()).contains("no --bundle, so the pretrained bundle");

    List<Alert> firing = new ArrayList<>();
    for (String line : lines(out.resolve(DetectSinks.ALERTS_DIR))) {
      Alert alert = AlertJson.read(line);
      if (Alert.FIRING.equals(alert.status) && alert.sequence == 0) {
        firing.add(alert);
      }
    }
    long warmUpEnd = START.plus(Duration.ofMinutes(70)).toEpochMilli();
    assertThat(firing)
        .as("nothing fires before the system's own normal is known")
        .allMatch(alert -> alert.windowEndMs > warmUpEnd);
    int caught = 0;
    int named = 0;
    for (FaultLabel fault : faults) {
      List<Alert> within =
          firing.stream()
              .filter(
                  a -> a.windowEndMs >= fault.startMs() && a.windowEndMs <= fault.endMs() + 60_000)
              .toList();
      if (!within.isEmpty()) {
        caught++;
        if (within.get(0).rootCauses.stream()
            .limit(3)
            .anyMatch(c -> c.service.equals(fault.rootCauseService()))) {
          named++;
        }
      }
    }
    assertThat(caught)
        .as("faults caught of %s; alerts %s", faults.size(), firing.size())
        .isEqualTo(FAULTS.size());
    assertThat(named).as("root cause in the first alert's top 3").isEqualTo(caught);
    List<Alert> outside =
        firing.stream()
            .filter(
                a ->
                    faults.stream()
                        .noneMatch(
                            f ->
                                a.windowEndMs >= f.startMs()
                                    && a.windowEndMs <= f.endMs() + 60_000))
            .toList();
    assertThat(outside)
        .as("alerts outside any fault")
        .extracting(a -> Instant.ofEpochMilli(a.windowEndMs))
        .hasSizeLessThanOrEqualTo(1);
  }

  private static List<String> lines(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return lines;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        if (!file.getFileName().toString().startsWith(".")) {
          lines.addAll(Files.readAllLines(file));
        }
      }
    }
    return lines;
  }
}
