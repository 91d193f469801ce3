package dev.runtimeslicer.jobs;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.format.AlertJson;
import dev.runtimeslicer.model.format.AssessmentJson;
import dev.runtimeslicer.operators.alert.AlertmanagerSink;
import dev.runtimeslicer.operators.sink.JsonLinesFileSink;
import dev.runtimeslicer.operators.sink.SystemKeyedKafkaSerializer;
import java.nio.file.Paths;

/** The detect job's real outputs: alert sinks chosen by configuration, embeddings, files. */
public final class DetectSinks {

  /** Sub-directories of the output directory. */
  public static final String ALERTS_DIR = "alerts";

  public static final String ASSESSMENTS_DIR = "assessments";

  private DetectSinks() {}

  /**
   * Alerts to the configured sinks, embeddings to their topic when one is set, slices and dead
   * letters to Kafka.
   */
  public static void toKafkaAndAlertmanager(
      DetectJob.DetectStreams streams, DetectJobSettings config) {
    SliceSinks.toKafka(streams.sliceStreams(), config.slicing());
    if (config.alertSinks().contains(DetectJobOptions.AlertSink.KAFKA)) {
      streams
          .alerts()
          .sinkTo(
              KafkaSinks.create(
                  config.slicing(),
                  SystemKeyedKafkaSerializer.alerts(config.get(DetectJobOptions.ALERTS_TOPIC)),
                  "alerts"))
          .name("alerts to kafka")
          .uid("sink-kafka-alerts");
    }
    if (config.alertSinks().contains(DetectJobOptions.AlertSink.ALERTMANAGER)) {
      alertmanager(streams, config);
    }
    String embeddingsTopic = config.get(DetectJobOptions.EMBEDDINGS_TOPIC);
    if (!embeddingsTopic.isBlank()) {
      streams
          .embeddings()
          .sinkTo(
              KafkaSinks.create(
                  config.slicing(),
                  SystemKeyedKafkaSerializer.embeddings(embeddingsTopic),
                  "embeddings"))
          .name("embeddings to kafka")
          .uid("sink-kafka-embeddings");
    }
  }

  /** Alerts to Prometheus Alertmanager. */
  public static void alertmanager(DetectJob.DetectStreams streams, DetectJobSettings config) {
    streams
        .alerts()
        .sinkTo(new AlertmanagerSink(config.alertmanager()))
        .name("alerts to alertmanager")
        .uid("sink-alertmanager");
  }

  /**
   * Alerts and window assessments to {@code out/alerts/} and {@code out/assessments/} (JSON lines),
   * plus slices and dead letters.
   */
  public static void toFiles(DetectJob.DetectStreams streams, String out) {
    SliceSinks.toFiles(streams.sliceStreams(), out);
    streams
        .alerts()
        .map(AlertJson::write)
        .name("alert json")
        .uid("alert-json")
        .sinkTo(JsonLinesFileSink.create(Paths.get(out, ALERTS_DIR).toString(), "alerts"))
        .name("alerts to files")
        .uid("sink-file-alerts");
    streams
        .assessments()
        .map(AssessmentJson::write)
        .name("assessment json")
        .uid("assessment-json")
        .sinkTo(JsonLinesFileSink.create(Paths.get(out, ASSESSMENTS_DIR).toString(), "assessments"))
        .name("assessments to files")
        .uid("sink-file-assessments");
  }

  /**
   * Each alert's first and resolved notification as text on standard output (the TaskManager's,
   * locally this process).
   */
  public static void toConsole(DetectJob.DetectStreams streams) {
    streams
        .alerts()
        .filter(alert -> alert.sequence == 0 || Alert.RESOLVED.equals(alert.status))
        .name("alert transitions")
        .uid("alert-transitions")
        .map(AlertText::format)
        .name("alert text")
        .uid("alert-text")
        .print()
        .name("alerts to console")
        .uid("sink-console-alerts")
        .setParallelism(1);
  }
}
