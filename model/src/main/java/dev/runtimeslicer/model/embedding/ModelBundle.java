package dev.runtimeslicer.model.embedding;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A trained slice encoder on disk: one directory with the ONNX graph, the featurization schema and
 * normalization statistics, the training configuration and metrics, and a manifest that states the
 * format version and the SHA-256 of every other file. {@link #load} trusts nothing it has not
 * checked against the manifest.
 */
public final class ModelBundle {

  /**
   * Bumped whenever the files or the meaning of the features change incompatibly (2: tokens end
   * with a service code; 3: names may have meaning, {@link NameEncoding}). Bundles that hash names
   * are still written as 2, so releases before 3 keep reading them and refuse the rest.
   */
  public static final int FORMAT_VERSION = 3;

  /** The oldest format this reads: 2 differs from 3 only in lacking {@link NameEncoding}. */
  public static final int OLDEST_FORMAT_VERSION = 2;

  public static final String MANIFEST = "manifest.json";
  public static final String ENCODER = "encoder.onnx";
  public static final String FEATURIZATION = "featurization.json";
  public static final String TRAINING = "training.json";

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final Path directory;
  private final FeatureSchema schema;
  private final FeatureNormalization normalization;
  private final EncoderDimensions dimensions;
  private final Map<String, Object> training;

  private ModelBundle(
      Path directory,
      FeatureSchema schema,
      FeatureNormalization normalization,
      EncoderDimensions dimensions,
      Map<String, Object> training) {
    this.directory = directory;
    this.schema = schema;
    this.normalization = normalization;
    this.dimensions = dimensions;
    this.training = training;
  }

  /** Manifest: format version and checksums of the other files. */
  record Manifest(int formatVersion, Map<String, String> sha256) {}

  /** featurization.json: how slices become encoder input. */
  record Featurization(
      FeatureSchema schema, Map<Modality, Scaling> normalization, EncoderDimensions encoder) {}

  /** One modality's statistics as stored. */
  record Scaling(float[] mean, float[] std) {}

  /**
   * Writes a bundle into {@code directory} (created if needed; files of an older bundle there are
   * replaced), the manifest last so that a bundle whose writing was interrupted fails to load.
   */
  public static void write(
      Path directory,
      byte[] encoderOnnx,
      FeatureSchema schema,
      FeatureNormalization normalization,
      EncoderDimensions dimensions,
      Map<String, Object> training)
      throws IOException {
    Files.createDirectories(directory);
    Files.deleteIfExists(directory.resolve(MANIFEST));
    Map<Modality, Scaling> scalings = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      FeatureScaling scaling = normalization.of(modality);
      scalings.put(modality, new Scaling(scaling.mean(), scaling.std()));
    }
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put(ENCODER, encoderOnnx);
    files.put(
        FEATURIZATION, JSON.writeValueAsBytes(new Featurization(schema, scalings, dimensions)));
    files.put(TRAINING, JSON.writeValueAsBytes(training));
    Map<String, String> checksums = new TreeMap<>();
    for (Map.Entry<String, byte[]> file : files.entrySet()) {
      Files.write(directory.resolve(file.getKey()), file.getValue());
      checksums.put(file.getKey(), sha256(file.getValue()));
    }
    Files.write(
        directory.resolve(MANIFEST),
        JSON.writeValueAsBytes(new Manifest(formatVersion(schema), checksums)));
  }

  /** The version a bundle of {@code schema} is written with: the oldest that can read it. */
  static int formatVersion(FeatureSchema schema) {
    return schema.names() == NameEncoding.HASHED ? OLDEST_FORMAT_VERSION : FORMAT_VERSION;
  }

  /**
   * Reads and validates the bundle in {@code directory}.
   *
   * @throws InvalidBundleException when it is missing, of another format version, or corrupt
   */
  public static ModelBundle load(Path directory) {
    Manifest manifest = readManifest(directory);
    if (manifest.formatVersion() < OLDEST_FORMAT_VERSION
        || manifest.formatVersion() > FORMAT_VERSION) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + " has format version "
              + manifest.formatVersion()
              + " but this RuntimeSlicer reads versions "
              + OLDEST_FORMAT_VERSION
              + " to "
              + FORMAT_VERSION
              + ": retrain the bundle with this version (runtimeslicer train) or run the version"
              + " that wrote it");
    }
    for (String required : new String[] {ENCODER, FEATURIZATION, TRAINING}) {
      String expected = manifest.sha256() == null ? null : manifest.sha256().get(required);
      if (expected == null) {
        throw new InvalidBundleException(
            "model bundle "
                + directory
                + ": manifest lists no checksum for "
                + required
                + "; the bundle is incomplete, retrain or copy it again");
      }
      verifyChecksum(directory, required, expected);
    }
    try {
      Featurization featurization =
          JSON.readValue(directory.resolve(FEATURIZATION).toFile(), Featurization.class);
      Map<Modality, FeatureScaling> scalings = new EnumMap<>(Modality.class);
      for (Modality modality : Modality.values()) {
        Scaling scaling = featurization.normalization().get(modality);
        if (scaling == null) {
          throw new InvalidBundleException(
              "model bundle "
                  + directory
                  + ": "
                  + FEATURIZATION
                  + " has no normalization for "
                  + modality
                  + "; retrain the bundle");
        }
        scalings.put(modality, new FeatureScaling(scaling.mean(), scaling.std()));
      }
      FeatureNormalization normalization = new FeatureNormalization(scalings);
      if (!normalization.fits(featurization.schema())) {
        throw new InvalidBundleException(
            "model bundle "
                + directory
                + ": normalization statistics do not match"
                + " the feature schema in "
                + FEATURIZATION
                + "; retrain the bundle");
      }
      if (manifest.formatVersion() < formatVersion(featurization.schema())) {
        throw new InvalidBundleException(
            "model bundle "
                + directory
                + ": "
                + FEATURIZATION
                + " places names by "
                + featurization.schema().names()
                + ", which format version "
                + manifest.formatVersion()
                + " does not have; the bundle was altered, retrain it");
      }
      Map<String, Object> training =
          JSON.readValue(directory.resolve(TRAINING).toFile(), new TypeReference<>() {});
      return new ModelBundle(
          directory, featurization.schema(), normalization, featurization.encoder(), training);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": cannot read "
              + FEATURIZATION
              + " or "
              + TRAINING
              + " ("
              + e.getMessage()
              + "); retrain the bundle",
          e);
    }
  }

  private static Manifest readManifest(Path directory) {
    Path manifest = directory.resolve(MANIFEST);
    try {
      return JSON.readValue(Files.readAllBytes(manifest), Manifest.class);
    } catch (NoSuchFileException e) {
      throw new InvalidBundleException(
          "no model bundle at "
              + directory
              + ": "
              + MANIFEST
              + " is missing;"
              + " pass the directory written by 'runtimeslicer train --out'",
          e);
    } catch (JsonProcessingException e) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": "
              + MANIFEST
              + " is not valid JSON ("
              + e.getOriginalMessage()
              + "); the bundle is corrupt, retrain or copy it again",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest, e);
    }
  }

  private static void verifyChecksum(Path directory, String file, String expected) {
    byte[] content;
    try {
      content = Files.readAllBytes(directory.resolve(file));
    } catch (NoSuchFileException e) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": "
              + file
              + " is missing;"
              + " the bundle is incomplete, retrain or copy it again",
          e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + directory.resolve(file), e);
    }
    String actual = sha256(content);
    if (!actual.equals(expected)) {
      throw new InvalidBundleException(
          "model bundle "
              + directory
              + ": "
              + file
              + " is corrupt (SHA-256 "
              + actual
              + ", manifest says "
              + expected
              + "); retrain the bundle or copy it again");
    }
  }

  /** Lower-case hex SHA-256 of {@code content}, as the manifest records it. */
  public static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public Path directory() {
    return directory;
  }

  public Path encoderFile() {
    return directory.resolve(ENCODER);
  }

  public FeatureSchema schema() {
    return schema;
  }

  public FeatureNormalization normalization() {
    return normalization;
  }

  public EncoderDimensions dimensions() {
    return dimensions;
  }

  /** Training configuration and metrics, as the trainer wrote them. */
  public Map<String, Object> training() {
    return training;
  }

  /** A featurizer with this bundle's schema and statistics. */
  public SliceFeaturizer featurizer() {
    return new SliceFeaturizer(schema, normalization);
  }
}
