package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Message;
import dev.runtimeslicer.jobs.cli.RuntimeSlicerCommand;
import dev.runtimeslicer.model.format.DeadLetterJson;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.source.OtlpJson;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Golden end-to-end test of file replay: known OTLP/JSON in the Collector file-exporter layout
 * (gzip and plain, a labels file beside it, one corrupt line) through the real CLI and a real Flink
 * runtime, to exact slice features.
 */
class SlicesReplayITCase {

  private static final long T0 = 1_661_140_320_000L; // 2022-08-22, a multiple of 60 s

  @TempDir Path temp;

  @Test
  void replaysCollectorFilesIntoExactSlices() throws Exception {
    // dots in directory names (a date, a host) must not hide the files in them
    Path input = Files.createDirectories(temp.resolve("export.2026-12-01"));
    Path out = temp.resolve("out");
    TelemetryScenario scenario = new TelemetryScenario(T0);
    writeLines(
        Files.createDirectories(input.resolve("collector-1.local")).resolve("traces.json.gz"),
        true,
        scenario.spanRequests());
    List<String> metricLines = new ArrayList<>();
    scenario.metricRequests().forEach(m -> metricLines.add(OtlpJson.print(m)));
    metricLines.add(1, "{\"resourceMetrics\": [ this line was cut off");
    Files.write(input.resolve("metrics.json"), metricLines);
    writeLines(input.resolve("logs.json.gz"), true, scenario.logRequests());
    Files.writeString(
        input.resolve("labels.jsonl"),
        "{\"system\":\"shop\",\"id\":\"f1\",\"type\":\"cpu\",\"start\":1,\"end\":2}\n");

    StringWriter printed = new StringWriter();
    StringWriter told = new StringWriter();
    CommandLine cli = RuntimeSlicerCommand.commandLine();
    cli.setOut(new PrintWriter(printed));
    cli.setErr(new PrintWriter(told, true));
    int exit =
        cli.execute(
            "slices", "--input", input.toString(), "--out", out.toString(), "--parallelism", "1");

    assertThat(exit).isZero();
    // the three telemetry files, not the labels: said before the BATCH run's silence
    assertThat(told.toString()).startsWith("slices: replaying 3 files (");
    List<RuntimeSlice> slices =
        readAll(out.resolve("slices")).stream().map(SliceJson::read).toList();
    // 6 panes of 10 s hold data ([t0, t0+50s)), so windows end at t0+10s ... t0+110s
    assertThat(slices)
        .extracting(s -> (s.windowEndMs - T0) / 1000)
        .containsExactly(10L, 20L, 30L, 40L, 50L, 60L, 70L, 80L, 90L, 100L);
    SliceAssertions.assertScenarioWindow(
        slices.stream().filter(s -> s.windowStartMs == T0).findFirst().orElseThrow(), T0);

    List<DeadLetter> letters =
        readAll(out.resolve("dead-letters")).stream().map(DeadLetterJson::read).toList();
    assertThat(letters)
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.category).isEqualTo("malformed");
              assertThat(letter.sourceTopic).isEqualTo("metrics.json");
              assertThat(letter.offset).isEqualTo(2); // the second line of the file
              assertThat(new String(letter.payload, StandardCharsets.UTF_8))
                  .isEqualTo(metricLines.get(1));
            });
    assertThat(printed.toString()).contains("slices: 10 lines", "dead letters: 1 lines");
  }

  private static void writeLines(Path file, boolean gzip, List<? extends Message> requests)
      throws IOException {
    try (OutputStream stream =
        gzip ? new GZIPOutputStream(Files.newOutputStream(file)) : Files.newOutputStream(file)) {
      for (Message request : requests) {
        stream.write((OtlpJson.print(request) + "\n").getBytes(StandardCharsets.UTF_8));
      }
    }
  }

  private static List<String> readAll(Path directory) throws IOException {
    List<String> lines = new ArrayList<>();
    try (var files = Files.list(directory)) {
      for (Path file : files.sorted().toList()) {
        lines.addAll(Files.readAllLines(file));
      }
    }
    lines.sort((a, b) -> a.compareTo(b));
    return lines;
  }
}
