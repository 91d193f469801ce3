package dev.runtimeslicer.jobs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Counts the lines a running job has written into directories of JSON-lines files, reading each
 * file only past what it read before. Flink's file sink writes a part as a hidden in-progress file
 * and renames it when it commits, so a part is known by its name without those marks and its count
 * carries over the rename.
 */
final class WrittenLines {

  private static final String IN_PROGRESS = ".inprogress.";

  private final List<Path> directories;
  private final Map<String, Part> parts = new HashMap<>();

  private static final class Part {
    long bytes;
    long lines;
  }

  WrittenLines(List<Path> directories) {
    this.directories = List.copyOf(directories);
  }

  /** Lines written so far; a file that cannot be read now is counted on a later call. */
  long count() {
    long total = 0;
    for (Path directory : directories) {
      if (!Files.isDirectory(directory)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
          readOn(file);
        }
      } catch (IOException | java.io.UncheckedIOException e) {
        // a part renamed while listing: it is read under its new name next time
      }
    }
    for (Part part : parts.values()) {
      total += part.lines;
    }
    return total;
  }

  private void readOn(Path file) {
    Part part = parts.computeIfAbsent(file.getParent() + "/" + partName(file), name -> new Part());
    try (InputStream in = Files.newInputStream(file)) {
      in.skipNBytes(part.bytes);
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            part.lines++;
          }
        }
        part.bytes += n;
      }
    } catch (IOException e) {
      // gone (renamed) or shorter than read so far: try again on the next call
    }
  }

  /** {@code .part-X.inprogress.Y} and {@code part-X} are the same part. */
  static String partName(Path file) {
    String name = file.getFileName().toString();
    int inProgress = name.indexOf(IN_PROGRESS);
    if (inProgress >= 0) {
      name = name.substring(0, inProgress);
    }
    return name.startsWith(".") ? name.substring(1) : name;
  }
}
