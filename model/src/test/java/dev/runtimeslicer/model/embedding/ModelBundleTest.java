package dev.runtimeslicer.model.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelBundleTest {

  @TempDir Path dir;

  private final FeatureSchema schema = FeatureSchema.defaults();

  private void writeBundle() throws IOException {
    writeBundle(schema);
  }

  private void writeBundle(FeatureSchema schema) throws IOException {
    ModelBundle.write(
        dir,
        new byte[] {1, 2, 3},
        schema,
        FeatureNormalization.identity(schema),
        new EncoderDimensions(16, 8),
        Map.of("config", Map.of("epochs", 3)));
  }

  @Test
  void roundTripsSchemaStatisticsAndTrainingInfo() throws IOException {
    writeBundle();
    ModelBundle bundle = ModelBundle.load(dir);
    assertThat(bundle.schema()).isEqualTo(schema);
    assertThat(bundle.dimensions()).isEqualTo(new EncoderDimensions(16, 8));
    assertThat(bundle.normalization().of(Modality.TRACES).std())
        .hasSize(schema.width(Modality.TRACES));
    assertThat(bundle.training()).containsKey("config");
    assertThat(bundle.encoderFile()).hasBinaryContent(new byte[] {1, 2, 3});
  }

  @Test
  void bundlesThatHashNamesKeepTheOlderFormatAndEmbeddedNamesTheNewOne() throws IOException {
    writeBundle();
    assertThat(Files.readString(dir.resolve(ModelBundle.MANIFEST)))
        .contains("\"formatVersion\" : " + ModelBundle.OLDEST_FORMAT_VERSION);

    FeatureSchema embedded = schema.withNames(NameEncoding.EMBEDDED);
    writeBundle(embedded);
    assertThat(Files.readString(dir.resolve(ModelBundle.MANIFEST)))
        .contains("\"formatVersion\" : " + ModelBundle.FORMAT_VERSION);
    assertThat(ModelBundle.load(dir).schema()).isEqualTo(embedded);
  }

  @Test
  void aFeaturizationWrittenBeforeNamesHadMeaningHashesThem() throws IOException {
    writeBundle();
    Path featurization = dir.resolve(ModelBundle.FEATURIZATION);
    String text = Files.readString(featurization);
    assertThat(text).contains("\"names\" : \"HASHED\"");
    rewrite(featurization, text.replaceAll(",\\s*\"names\" : \"HASHED\"", ""));
    assertThat(Files.readString(featurization)).doesNotContain("names");
    assertThat(ModelBundle.load(dir).schema().names()).isEqualTo(NameEncoding.HASHED);
  }

  @Test
  void rejectsAnOlderFormatThatClaimsNamesWithMeaning() throws IOException {
    writeBundle();
    Path featurization = dir.resolve(ModelBundle.FEATURIZATION);
    rewrite(
        featurization,
        Files.readString(featurization)
            .replace("\"names\" : \"HASHED\"", "\"names\" : \"EMBEDDED\""));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("EMBEDDED")
        .hasMessageContaining("retrain");
  }

  /** Rewrites a bundle file and its checksum, as a careless editor with sha256sum would. */
  private void rewrite(Path file, String text) throws IOException {
    Path manifest = dir.resolve(ModelBundle.MANIFEST);
    String before = ModelBundle.sha256(Files.readAllBytes(file));
    Files.writeString(file, text);
    String after = ModelBundle.sha256(Files.readAllBytes(file));
    Files.writeString(manifest, Files.readString(manifest).replace(before, after));
  }

  @Test
  void rejectsAnotherFormatVersionSayingWhatToDo() throws IOException {
    writeBundle(schema.withNames(NameEncoding.EMBEDDED));
    Path manifest = dir.resolve(ModelBundle.MANIFEST);
    String text =
        Files.readString(manifest)
            .replace(
                "\"formatVersion\" : " + ModelBundle.FORMAT_VERSION,
                "\"formatVersion\" : " + (ModelBundle.FORMAT_VERSION + 1));
    Files.writeString(manifest, text);
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("format version " + (ModelBundle.FORMAT_VERSION + 1))
        .hasMessageContaining("retrain");
  }

  @Test
  void rejectsACorruptEncoder() throws IOException {
    writeBundle();
    Files.write(dir.resolve(ModelBundle.ENCODER), new byte[] {1, 2, 4});
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining(ModelBundle.ENCODER + " is corrupt")
        .hasMessageContaining("retrain the bundle or copy it again");
  }

  @Test
  void rejectsEditedStatistics() throws IOException {
    writeBundle();
    Path featurization = dir.resolve(ModelBundle.FEATURIZATION);
    Files.writeString(
        featurization,
        Files.readString(featurization, StandardCharsets.UTF_8).replaceFirst("1\\.0", "2.0"));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .hasMessageContaining(ModelBundle.FEATURIZATION + " is corrupt");
  }

  @Test
  void rejectsAMissingBundleOrFile() throws IOException {
    assertThatThrownBy(() -> ModelBundle.load(dir.resolve("nowhere")))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("no model bundle");
    writeBundle();
    Files.delete(dir.resolve(ModelBundle.TRAINING));
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .hasMessageContaining(ModelBundle.TRAINING + " is missing");
  }

  @Test
  void rejectsAGarbledManifest() throws IOException {
    writeBundle();
    Files.writeString(dir.resolve(ModelBundle.MANIFEST), "{ not json");
    assertThatThrownBy(() -> ModelBundle.load(dir))
        .isInstanceOf(InvalidBundleException.class)
        .hasMessageContaining("not valid JSON");
  }
}
