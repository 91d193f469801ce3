package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;

/**
 * Real slices shipped as test resources: 120 consecutive online-shop windows around a fault, 30
 * social-network windows.
 */
final class TestData {

  private TestData() {}

  static Path slices() {
    try {
      return Path.of(TestData.class.getResource("/slices").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path labels() {
    return slices().resolveSibling("labels").resolve("labels.jsonl");
  }

  static List<Window> rawWindows(FeatureSchema schema) {
    try {
      return TrainingWindows.readRaw(List.of(slices()), schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A small, quick configuration: the tests check behaviour, not quality. */
  static TrainingSettings quickConfig() {
    return TrainingSettings.builder()
        .dimensions(new dev.runtimeslicer.model.embedding.EncoderDimensions(16, 16))
        .epochs(2)
        .batchSize(32)
        .anchorsPerEpoch(64)
        .build();
  }
}
