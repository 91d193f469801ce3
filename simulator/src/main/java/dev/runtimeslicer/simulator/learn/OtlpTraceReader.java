package dev.runtimeslicer.simulator.learn;

import dev.runtimeslicer.model.source.OtlpJson;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads recorded traces in the Collector file-exporter layout: OTLP/JSON export requests, one per
 * line, in {@code traces*.json} or {@code traces*.json.gz} files (or one such file given directly).
 */
public final class OtlpTraceReader {

  private OtlpTraceReader() {}

  /** The trace files under {@code input} (a directory or a single file). */
  public static List<Path> traceFiles(Path input) {
    if (Files.isRegularFile(input)) {
      return List.of(input);
    }
    if (!Files.isDirectory(input)) {
      throw new IllegalArgumentException("no such file or directory: " + input);
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(input)) {
      listing
          .filter(
              path -> {
                String name = path.getFileName().toString();
                return name.startsWith("traces")
                    && (name.endsWith(".json") || name.endsWith(".json.gz"));
              })
          .sorted()
          .forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + input, e);
    }
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "no traces*.json or traces*.json.gz files in "
              + input
              + " (expected the OpenTelemetry Collector file exporter layout)");
    }
    return files;
  }

  /** Passes every export request in the files to {@code consumer}, in file and line order. */
  public static void read(List<Path> files, Consumer<ExportTraceServiceRequest> consumer) {
    for (Path file : files) {
      try (InputStream raw = Files.newInputStream(file);
          InputStream in =
              file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
          BufferedReader lines =
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
          number++;
          if (line.isBlank()) {
            continue;
          }
          ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
          try {
            OtlpJson.merge(line, request);
          } catch (IOException e) {
            throw new IllegalArgumentException(
                file + " line " + number + " is not an OTLP/JSON trace export: " + e.getMessage(),
                e);
          }
          consumer.accept(request.build());
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
  }
}
