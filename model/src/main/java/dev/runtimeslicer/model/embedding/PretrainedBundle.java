package dev.runtimeslicer.model.embedding;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The model bundle shipped inside the jar: an encoder pre-trained across generated systems that
 * none of the evaluated systems is, with heads tuned on those systems' normal telemetry alone. A
 * system of a user's is new to it, so it is scored on its own telemetry after a warm-up; {@code
 * detect} uses it when no bundle is given. Rebuilt by {@code training/pretrain.sh}
 * (docs/evaluation.md says from what).
 */
public final class PretrainedBundle {

  /** The name that stands for this bundle where a bundle location is asked for. */
  public static final String LOCATION = "builtin:pretrained";

  /** Class-path folder of the bundle's files. */
  static final String RESOURCES = "/dev/runtimeslicer/model/pretrained/";

  /** The encoder's files; {@link ModelBundle#load} checks them against the manifest. */
  static final List<String> ENCODER_FILES =
      List.of(
          ModelBundle.MANIFEST,
          ModelBundle.ENCODER,
          ModelBundle.FEATURIZATION,
          ModelBundle.TRAINING);

  /** Every file of the bundle: the encoder's, then the heads (named as the task package does). */
  static final List<String> FILES =
      Stream.concat(ENCODER_FILES.stream(), Stream.of("heads.json", "heads.sha256")).toList();

  private PretrainedBundle() {}

  /** True when {@code location} names the shipped bundle. */
  public static boolean named(String location) {
    return LOCATION.equals(location);
  }

  /**
   * Copies the bundle's files into {@code directory} (created if needed) and returns it; the copy
   * is checked like any bundle when it is loaded.
   */
  public static Path copyTo(Path directory) {
    return copy(FILES, directory);
  }

  /** Copies the encoder alone into {@code directory}, to be tuned on a user's own systems. */
  public static Path copyEncoderTo(Path directory) {
    return copy(ENCODER_FILES, directory);
  }

  private static Path copy(List<String> files, Path directory) {
    try {
      Files.createDirectories(directory);
      for (String file : files) {
        try (InputStream in = PretrainedBundle.class.getResourceAsStream(RESOURCES + file)) {
          if (in == null) {
            throw new InvalidBundleException(
                "the pretrained bundle is not in this build ("
                    + RESOURCES
                    + file
                    + " is missing from the class path): build the jar again, or pass --bundle"
                    + " DIR");
          }
          Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the pretrained bundle to " + directory, e);
    }
  }

  /** A fresh temporary directory holding the bundle, deleted when the JVM exits. */
  public static Path extract() {
    try {
      Path directory = Files.createTempDirectory("runtimeslicer-pretrained-");
      copyTo(directory);
      directory.toFile().deleteOnExit();
      for (String file : FILES) {
        directory.resolve(file).toFile().deleteOnExit();
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a temporary directory for the bundle", e);
    }
  }
}
