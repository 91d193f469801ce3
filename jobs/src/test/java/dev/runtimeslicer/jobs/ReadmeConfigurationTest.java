package dev.runtimeslicer.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.configuration.ConfigOption;
import org.junit.jupiter.api.Test;

/**
 * The README's configuration tables name every setting of the jobs, and nothing that is not one.
 */
class ReadmeConfigurationTest {

  @Test
  void everyOptionIsDocumented() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));

    for (ConfigOption<?> option : DetectJobSettings.allOptions()) {
      assertThat(readme)
          .as("README row for %s", option.key())
          .contains("| `" + option.key() + "` |");
    }
    long rows =
        readme.lines().filter(line -> line.matches("\\| `[a-z]+\\.[a-z.-]+` \\|.*")).count();
    assertThat(rows).isEqualTo(DetectJobSettings.allOptions().size());
  }

  @Test
  void defaultsAreValid() {
    SliceJobSettings config = SliceJobSettings.defaults();

    assertThat(config.sliceSettings().panesPerWindow()).isEqualTo(6);
    assertThat(config.decoderSettings().systemAttributes())
        .containsExactly(
            "deployment.environment.name", "deployment.environment", "service.namespace");
    assertThat(config.decoderSettings().defaultSystem()).isEqualTo("default");
    // the old single-attribute key still works, and resources without a system can be dead-lettered
    SliceJobSettings old =
        SliceJobSettings.fromMap(
            java.util.Map.of(
                "system.attribute", "k8s.namespace.name", "system.when-missing", "dead_letter"));
    assertThat(old.decoderSettings().systemAttributes()).containsExactly("k8s.namespace.name");
    assertThat(old.decoderSettings().defaultSystem()).isNull();
    DetectJobSettings detect =
        DetectJobSettings.fromMap(java.util.Map.of(DetectJobOptions.BUNDLE.key(), "/models/b"));
    assertThat(detect.alertSinks()).containsExactly(DetectJobOptions.AlertSink.KAFKA);
    assertThat(detect.batching().maxSize()).isEqualTo(64);
    assertThat(detect.liveAlertTail())
        .isEqualTo(dev.runtimeslicer.model.task.LiveAlertTailSettings.DEFAULTS);
    assertThat(
            DetectJobSettings.fromMap(
                    java.util.Map.of(
                        DetectJobOptions.BUNDLE.key(),
                        "/b",
                        DetectJobOptions.LIVE_TAIL.key(),
                        "false"))
                .liveAlertTail())
        .isNull();
  }

  @Test
  void knownEdgesReadAsAListAndABadOneNamesTheKeyAndTheForm() {
    assertThat(
            DetectJobSettings.fromMap(java.util.Map.of(DetectJobOptions.BUNDLE.key(), "/b"))
                .knownEdges())
        .isEmpty();
    assertThat(
            DetectJobSettings.fromMap(
                    java.util.Map.of(
                        DetectJobOptions.BUNDLE.key(),
                        "/b",
                        DetectJobOptions.KNOWN_EDGES.key(),
                        "checkout->payment;shop:cart->redis"))
                .knownEdges())
        .containsExactly(
            new dev.runtimeslicer.model.task.KnownEdge(null, "checkout", "payment"),
            new dev.runtimeslicer.model.task.KnownEdge("shop", "cart", "redis"));
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DetectJobSettings.fromMap(
                    java.util.Map.of(
                        DetectJobOptions.BUNDLE.key(),
                        "/b",
                        DetectJobOptions.KNOWN_EDGES.key(),
                        "checkout=>payment")))
        .hasMessageContaining("localization.known-edges")
        .hasMessageContaining("caller->callee");
  }

  @Test
  void enumSettingsReadTheirDocumentedNames() {
    SliceJobSettings slice =
        SliceJobSettings.fromMap(
            java.util.Map.of(
                SliceJobOptions.STARTING_OFFSETS.key(),
                "committed-or-earliest",
                SliceJobOptions.SPANS_ENCODING.key(),
                "otlp_json"));
    assertThat(slice.get(SliceJobOptions.STARTING_OFFSETS))
        .isEqualTo(SliceJobOptions.StartingOffsets.COMMITTED_OR_EARLIEST);
    assertThat(slice.get(SliceJobOptions.SPANS_ENCODING))
        .isEqualTo(dev.runtimeslicer.model.source.OtlpEncoding.OTLP_JSON);
    DetectJobSettings both =
        DetectJobSettings.fromMap(
            java.util.Map.of(
                DetectJobOptions.BUNDLE.key(),
                "/b",
                DetectJobOptions.ALERT_SINKS.key(),
                "kafka;alertmanager",
                DetectJobOptions.ALERTMANAGER_URL.key(),
                "http://127.0.0.1:9093"));
    assertThat(both.alertSinks())
        .containsExactly(DetectJobOptions.AlertSink.KAFKA, DetectJobOptions.AlertSink.ALERTMANAGER);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                SliceJobSettings.fromMap(
                    java.util.Map.of(SliceJobOptions.STARTING_OFFSETS.key(), "newest")))
        .hasMessageContaining("kafka.starting-offsets");
  }

  @Test
  void detectSettingsAreCheckedWithTheKeyNamed() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DetectJobSettings.fromMap(
                    java.util.Map.of(
                        DetectJobOptions.BUNDLE.key(),
                        "/b",
                        DetectJobOptions.ALERT_SINKS.key(),
                        "alertmanager")))
        .hasMessageContaining("alertmanager.url");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DetectJobSettings.fromMap(
                    java.util.Map.of(
                        DetectJobOptions.BUNDLE.key(),
                        "/b",
                        DetectJobOptions.ALERT_SINKS.key(),
                        "pagerduty")))
        .hasMessageContaining("alert.sinks")
        .hasMessageContaining("pagerduty");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DetectJobSettings.fromMap(
                    java.util.Map.of(
                        DetectJobOptions.BUNDLE.key(),
                        "/b",
                        DetectJobOptions.ESCALATION_FACTOR.key(),
                        "0.5")))
        .hasMessageContaining("alert.escalation-factor")
        .hasMessageContaining("above 1");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                DetectJobSettings.fromMap(
                    java.util.Map.of(
                        DetectJobOptions.BUNDLE.key(),
                        "/b",
                        DetectJobOptions.LIVE_TAIL_WARM_UP.key(),
                        "2 d")))
        .hasMessageContaining("alert.tail-warm-up")
        .hasMessageContaining("warm-up within it");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> DetectJobSettings.fromMap(java.util.Map.of("model.bundel", "/b")))
        .hasMessageContaining("unknown setting 'model.bundel'");
  }
}
