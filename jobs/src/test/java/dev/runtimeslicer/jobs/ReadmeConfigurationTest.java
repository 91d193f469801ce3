package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/** The README's configuration table names every setting of the job, and nothing that is not one. */
class ReadmeConfigurationTest {

  @Test
  void everyOptionIsDocumented() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));

    for (ConfigOption<?> option : SliceJobOptions.ALL) {
      assertThat(readme).as("README row for %s", option.key()).contains("| `" + option.key() + "` |");
    }
    long rows = readme.lines().filter(line -> line.matches("\\| `[a-z]+\\.[a-z.-]+` \\|.*")).count();
    assertThat(rows).isEqualTo(SliceJobOptions.ALL.size());
  }

  @Test
  void defaultsAreValid() {
    SliceJobConfig config = SliceJobConfig.defaults();

    assertThat(config.sliceSettings().panesPerWindow()).isEqualTo(6);
    assertThat(config.decoderSettings().systemAttribute()).isEqualTo("deployment.environment");
  }
}
