package dev.runtimeslicer.simulator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.simulator.otlp.FileTelemetrySink;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine command = new CommandLine(new SimulateCommand());
    command.setOut(new PrintWriter(out));
    command.setErr(new PrintWriter(err));
    return command.execute(args);
  }

  @Test
  void listsBuiltInSystems() {
    assertThat(run("--list-systems")).isZero();
    assertThat(out.toString())
        .contains("online-shop", "ticketing", "social-network", "services", "random:SEED");
  }

  @Test
  void explainsBadInput() {
    assertThat(run("--system", "online-shop")).isEqualTo(2);
    assertThat(err.toString()).contains("--out DIR", "--bootstrap HOST:PORT");
    assertThat(run("--duration", "6hours", "--out", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("bad duration '6hours'", "90s, 30m, 6h, 1d");
    assertThat(run("--system", "shop", "--out", "x")).isEqualTo(2);
    assertThat(err.toString())
        .contains("unknown system 'shop'", "online-shop, ticketing, social-network", "random:SEED");
    assertThat(run("--system", "random:x", "--out", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("'random:x' needs an integer seed");
    assertThat(run("--out", "x", "--bootstrap", "localhost:9092")).isEqualTo(2);
    assertThat(run("--collector-outage", "20m", "--out", "x")).isEqualTo(2);
    assertThat(err.toString())
        .contains("--collector-outage needs FROM+LENGTH after the start, e.g. 20m+2m; got '20m'");
    assertThat(run("--clock-skew", "node-1=3m@20m", "--out", "x")).isEqualTo(2);
    assertThat(err.toString()).contains("--clock-skew node-1 needs FROM+LENGTH");
  }

  @Test
  void injectsAClockSkewForAStretchAndACollectorOutage(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    assertThat(
            run(
                "--system",
                "online-shop",
                "--duration",
                "2m",
                "--seed",
                "3",
                "--clock-skew",
                "shop-node-2=-2m@30s+30s",
                "--collector-outage",
                "1m+20s:lost",
                "--out",
                data.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.size(data.resolve(FileTelemetrySink.TRACES))).isPositive();
  }

  @Test
  void writesFilesLabelsAndLearnsAModelItCanRunAgain(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("data");
    assertThat(
            run(
                "--system",
                "online-shop",
                "--duration",
                "3m",
                "--faults",
                "1",
                "--seed",
                "3",
                "--trace-sampling",
                "1",
                "--out",
                data.toString()))
        .as(err.toString())
        .isZero();
    for (String file :
        List.of(FileTelemetrySink.TRACES, FileTelemetrySink.METRICS, FileTelemetrySink.LOGS)) {
      assertThat(Files.size(data.resolve(file))).as(file).isPositive();
    }
    List<String> labels = Files.readAllLines(data.resolve(FileTelemetrySink.LABELS));
    assertThat(labels).hasSize(1);
    FaultLabel label = FaultLabelJson.parse(labels.get(0), "labels.jsonl:1");
    assertThat(label.system()).isEqualTo("online-shop");
    assertThat(label.startMs()).isGreaterThanOrEqualTo(1_767_225_600_000L);
    assertThat(label.endMs())
        .isGreaterThan(label.startMs())
        .isLessThanOrEqualTo(1_767_225_600_000L + 180_000);

    Path model = dir.resolve("model.json");
    assertThat(
            run(
                "learn",
                "--input",
                data.toString(),
                "--out",
                model.toString(),
                "--name",
                "shop-learned"))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("shop-learned: 11 services");
    assertThat(
            run(
                "--system",
                model.toString(),
                "--duration",
                "30s",
                "--out",
                dir.resolve("again").toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.size(dir.resolve("again").resolve(FileTelemetrySink.TRACES))).isPositive();
  }
}
