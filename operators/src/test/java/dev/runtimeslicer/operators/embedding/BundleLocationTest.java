package dev.runtimeslicer.operators.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.PretrainedBundle;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleLocationTest {

  @TempDir Path dir;

  @Test
  void localPathsAndFileUrisAreReadInPlace() {
    BundleLocation path = BundleLocation.of(dir.toString());
    BundleLocation uri = BundleLocation.of(dir.toUri().toString());

    assertThat(path.isLocal()).isTrue();
    assertThat(path.localDirectory()).isEqualTo(dir.toAbsolutePath());
    assertThat(uri.isLocal()).isTrue();
    assertThat(uri.localDirectory()).isEqualTo(dir.toAbsolutePath());
    assertThat(BundleLocation.of("relative/bundle").localDirectory()).isAbsolute();
  }

  @Test
  void aRemoteBundleIsCopiedThroughFlinksFileSystemsFileByFile() throws Exception {
    Path bundle = Files.createDirectories(dir.resolve("bundle"));
    Files.writeString(bundle.resolve("manifest.json"), "{}");
    Files.write(bundle.resolve("encoder.onnx"), new byte[] {1, 2, 3});

    // the copy path, through Flink's local file system as any other would be read
    Path copy = BundleLocation.copyToLocal(bundle.toUri().toString());

    assertThat(copy).isNotEqualTo(bundle);
    assertThat(Files.readString(copy.resolve("manifest.json"))).isEqualTo("{}");
    assertThat(Files.readAllBytes(copy.resolve("encoder.onnx"))).containsExactly(1, 2, 3);
  }

  @Test
  void aFileSystemWithoutItsPluginFailsNamingTheLocationAndTheFix() {
    BundleLocation s3 = BundleLocation.of("s3://models/bundle");

    assertThat(s3.isLocal()).isFalse();
    assertThatThrownBy(s3::localDirectory)
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("s3://models/bundle")
        .hasMessageContaining("filesystem plugin");
  }

  @Test
  void aMissingRemoteBundleIsNamed() {
    assertThatThrownBy(() -> BundleLocation.copyToLocal(dir.resolve("nothing").toUri().toString()))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessageContaining("nothing");
  }

  @Test
  void thePretrainedBundleIsExtractedOncePerJvmFromTheClassPath() {
    BundleLocation pretrained = BundleLocation.of(PretrainedBundle.LOCATION);

    assertThat(pretrained.isPretrained()).isTrue();
    assertThat(pretrained.isLocal()).isFalse();
    Path local = pretrained.localDirectory();
    assertThat(ModelBundle.load(local).directory()).isEqualTo(local);
    assertThat(BundleLocation.pretrained().localDirectory()).isEqualTo(local);
    assertThat(pretrained.toString()).isEqualTo(PretrainedBundle.LOCATION);
  }
}
