package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.format.FaultLabelJson;
import dev.runtimeslicer.model.format.SliceJson;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.StateAwareHeads;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test fixture shared through the model test-jar: the small bundle of the test resources, copied to
 * a directory and tuned on 120 consecutive online-shop windows around one labeled incident (a
 * config error in shippingservice).
 */
public final class TunedBundleFixture {

  private static final String[] BUNDLE_FILES = {
    "encoder.onnx", "featurization.json", "training.json", "manifest.json"
  };

  private TunedBundleFixture() {}

  /** The incident's 120 windows, in time order. */
  public static List<RuntimeSlice> slices() {
    List<RuntimeSlice> slices = new ArrayList<>();
    try (InputStream raw = resource("/incident/online-shop.jsonl.gz");
        BufferedReader reader =
            new BufferedReader(
                new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        if (!line.isBlank()) {
          slices.add(SliceJson.read(line));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    slices.sort(java.util.Comparator.comparingLong(s -> s.windowStartMs));
    return slices;
  }

  /** The labeled incident. */
  public static List<FaultLabel> labels() {
    try (InputStream in = resource("/incident/labels.jsonl")) {
      List<FaultLabel> labels = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank()) {
          labels.add(FaultLabelJson.parse(line, "incident labels"));
        }
      }
      return labels;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the untuned test bundle into {@code directory}. */
  public static Path untunedBundle(Path directory) {
    try {
      Files.createDirectories(directory);
      for (String file : BUNDLE_FILES) {
        try (InputStream in = resource("/bundle/" + file)) {
          Files.copy(in, directory.resolve(file));
        }
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings for windows this few: small states and references. */
  public static TuningSettings settings() {
    return TuningSettings.builder()
        .maxStates(2)
        .silhouetteSample(200)
        .minStateWindows(30)
        .referencesPerState(60)
        .neighbors(3)
        .neighborExclusion(Duration.ofMinutes(3))
        .adaptationWarmUp(Duration.ofMinutes(1))
        .recoveryMargin(Duration.ofMinutes(1))
        .build();
  }

  /** A copy of the test bundle in {@code directory}, tuned with labels; heads.json written. */
  public static Path tunedBundle(Path directory) {
    Path bundle = untunedBundle(directory);
    try {
      StateAwareHeads heads =
          new StateAwareTuner(settings(), new PrintStream(PrintStream.nullOutputStream()))
              .tune(ModelBundle.load(bundle), SliceSource.of(slices()), labels());
      heads.write(bundle);
      return bundle;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = TunedBundleFixture.class.getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException("test resource " + name + " is missing");
    }
    return in;
  }
}
