package dev.runtimeslicer.training;

import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Reads runtime slices (one JSON object per line) from directories of .jsonl / .json (optionally
 * gzipped) files.
 */
public final class SliceFiles {

  private SliceFiles() {}

  /** Slice files under {@code directory}, recursively, in path order so reading is reproducible. */
  public static List<Path> list(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      throw new IllegalArgumentException(
          "not a directory of slice files: "
              + directory
              + "; pass what 'runtimeslicer slices --out' wrote");
    }
    try (Stream<Path> files = Files.walk(directory)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p -> {
                String name = p.getFileName().toString();
                return name.endsWith(".jsonl")
                    || name.endsWith(".json")
                    || name.endsWith(".jsonl.gz");
              })
          .sorted()
          .toList();
    }
  }

  /**
   * Streams every slice in {@code directories} to {@code sink}; blank lines and records that are
   * not windows (no system, or an empty time range, such as a stray label file) are skipped.
   */
  public static void read(List<Path> directories, Consumer<RuntimeSlice> sink) throws IOException {
    for (Path directory : directories) {
      for (Path file : list(directory)) {
        try (InputStream raw = Files.newInputStream(file);
            InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
            BufferedReader reader =
                new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            if (!line.isBlank()) {
              RuntimeSlice slice = SliceJson.read(line);
              if (slice.system != null && slice.windowEndMs > slice.windowStartMs) {
                sink.accept(slice);
              }
            }
          }
        }
      }
    }
  }

  /** All slices in {@code directories}, in file order. */
  public static List<RuntimeSlice> readAll(List<Path> directories) throws IOException {
    List<RuntimeSlice> slices = new ArrayList<>();
    read(directories, slices::add);
    return slices;
  }
}
