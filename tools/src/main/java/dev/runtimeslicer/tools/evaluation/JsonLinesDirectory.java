package dev.runtimeslicer.tools.evaluation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads back what a JSON-lines file sink wrote into a directory (hidden in-progress files skipped).
 */
public final class JsonLinesDirectory {

  private JsonLinesDirectory() {}

  /** Every non-blank line of the visible files under {@code directory}, in path order, parsed. */
  public static <T> List<T> read(Path directory, Function<String, T> parse) throws IOException {
    List<T> out = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return out;
    }
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file :
          files
              .filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .toList()) {
        for (String line : Files.readAllLines(file)) {
          if (!line.isBlank()) {
            out.add(parse.apply(line));
          }
        }
      }
    }
    return out;
  }
}
