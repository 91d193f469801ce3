package dev.runtimeslicer.simulator.system;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The built-in systems (JSON resources), generated ones ({@link RandomSystemGenerator}) and
 * loading/saving of system files.
 */
public final class SystemCatalog {

  /** Classpath directory of the built-in system files, one {@code NAME.json} per system. */
  public static final String RESOURCE_DIRECTORY = "/dev/runtimeslicer/simulator/systems/";

  /** Built-in system names. */
  public static final List<String> BUILT_IN = List.of("online-shop", "ticketing", "social-network");

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
          .enable(SerializationFeature.INDENT_OUTPUT);

  private SystemCatalog() {}

  /**
   * A built-in system by name, a generated one ({@code random:SEED}), or a system file (built-in or
   * learned) by path.
   */
  public static SystemModel load(String nameOrPath) {
    if (BUILT_IN.contains(nameOrPath)) {
      return builtIn(nameOrPath);
    }
    if (RandomSystemGenerator.names(nameOrPath)) {
      return RandomSystemGenerator.generate(nameOrPath);
    }
    Path path = Path.of(nameOrPath);
    if (Files.isRegularFile(path)) {
      return read(path);
    }
    throw new IllegalArgumentException(
        "unknown system '"
            + nameOrPath
            + "': use one of "
            + String.join(", ", BUILT_IN)
            + ", a generated system (random:SEED) or the path of a system file (JSON, e.g. written"
            + " by 'simulate learn')");
  }

  /** A built-in system. */
  public static SystemModel builtIn(String name) {
    String resource = RESOURCE_DIRECTORY + name + ".json";
    try (InputStream in = SystemCatalog.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no built-in system '" + name + "'; built-in systems: " + BUILT_IN);
      }
      return JSON.readValue(in, SystemModel.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read built-in system " + resource, e);
    }
  }

  /** Reads a system file. */
  public static SystemModel read(Path path) {
    try {
      return JSON.readValue(path.toFile(), SystemModel.class);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read system file " + path + ": " + e.getMessage(), e);
    }
  }

  /** Writes a system file (pretty-printed JSON). */
  public static void write(SystemModel model, Path path) throws IOException {
    JSON.writeValue(path.toFile(), model);
  }
}
