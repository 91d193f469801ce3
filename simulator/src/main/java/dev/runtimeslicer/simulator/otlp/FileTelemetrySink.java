package dev.runtimeslicer.simulator.otlp;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.simulator.TelemetrySink;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes telemetry in the OpenTelemetry Collector file-exporter layout: {@code traces.json.gz},
 * {@code metrics.json.gz} and {@code logs.json.gz} with one OTLP/JSON export request per line, and
 * the ground truth in {@code labels.jsonl}.
 */
public final class FileTelemetrySink implements TelemetrySink {

  public static final String TRACES = "traces.json.gz";
  public static final String METRICS = "metrics.json.gz";
  public static final String LOGS = "logs.json.gz";
  public static final String LABELS = "labels.jsonl";

  private final ExecutorService printers;
  private final JsonLinesGzipWriter traces;
  private final JsonLinesGzipWriter metrics;
  private final JsonLinesGzipWriter logs;
  private final BufferedWriter labels;

  /** A sink writing into {@code directory} (created if missing; existing files are replaced). */
  public FileTelemetrySink(Path directory) {
    try {
      Files.createDirectories(directory);
      printers =
          Executors.newFixedThreadPool(
              Runtime.getRuntime().availableProcessors(),
              runnable -> {
                Thread thread = new Thread(runnable, "otlp-json-gzip");
                thread.setDaemon(true);
                return thread;
              });
      traces = new JsonLinesGzipWriter(directory.resolve(TRACES), printers);
      metrics = new JsonLinesGzipWriter(directory.resolve(METRICS), printers);
      logs = new JsonLinesGzipWriter(directory.resolve(LOGS), printers);
      labels = Files.newBufferedWriter(directory.resolve(LABELS), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create output files in " + directory, e);
    }
  }

  @Override
  public void traces(ExportTraceServiceRequest request) {
    traces.write(request);
  }

  @Override
  public void metrics(ExportMetricsServiceRequest request) {
    metrics.write(request);
  }

  @Override
  public void logs(ExportLogsServiceRequest request) {
    logs.write(request);
  }

  @Override
  public void label(FaultLabel label) {
    try {
      labels.write(FaultLabelJson.write(label));
      labels.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + LABELS, e);
    }
  }

  @Override
  public void close() {
    try (labels) {
      traces.close();
      metrics.close();
      logs.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close " + LABELS, e);
    } finally {
      printers.shutdownNow();
    }
  }
}
