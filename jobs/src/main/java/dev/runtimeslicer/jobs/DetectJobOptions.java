package dev.runtimeslicer.jobs;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.runtimeslicer.model.embedding.PretrainedBundle;
import dev.runtimeslicer.model.task.LiveAlertTailSettings;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import dev.runtimeslicer.operators.alert.AlertmanagerSinkSettings;
import dev.runtimeslicer.operators.sink.SystemKeyedKafkaSerializer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;

/**
 * The settings the detect job adds to the slicing job's ({@link SliceJobOptions}): the model
 * bundle, micro-batching of the encoder, the alert lifecycle and the alert and embedding sinks.
 */
public final class DetectJobOptions {

  private DetectJobOptions() {}

  public static final ConfigOption<String> BUNDLE =
      key("model.bundle")
          .stringType()
          .defaultValue(PretrainedBundle.LOCATION)
          .withDescription(
              "The tuned model bundle (train, then tune): a local directory on every TaskManager,"
                  + " a Flink file system URI (s3://...), or "
                  + PretrainedBundle.LOCATION
                  + ", the pretrained bundle in the jar, which scores every system on its own"
                  + " telemetry after a warm-up.");
  public static final ConfigOption<Integer> BATCH_SIZE =
      key("embedding.batch-size")
          .intType()
          .defaultValue(64)
          .withDescription("Slices per encoder call.");
  public static final ConfigOption<Duration> BATCH_DELAY =
      key("embedding.max-delay")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .withDescription("Longest a slice waits for its batch to fill (processing time).");
  public static final ConfigOption<Integer> FIRING_WINDOWS =
      key("alert.firing-windows")
          .intType()
          .noDefaultValue()
          .withDescription(
              "Consecutive anomalous windows before an alert fires (default: the bundle's tuned"
                  + " policy).");
  public static final ConfigOption<Double> ALERT_BUDGET =
      key("alert.budget-per-day")
          .doubleType()
          .noDefaultValue()
          .withDescription(
              "False alerts a day per system that its normal telemetry may fire; each system's"
                  + " firing score is the lowest its tuned alert tail allows within it (default:"
                  + " the budget the bundle was tuned with, 1).");
  public static final ConfigOption<Integer> RESOLVING_WINDOWS =
      key("alert.resolving-windows")
          .intType()
          .noDefaultValue()
          .withDescription(
              "Consecutive calm windows before an alert resolves (default: the bundle's tuned"
                  + " policy).");
  public static final ConfigOption<Duration> REPEAT_INTERVAL =
      key("alert.repeat-interval")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription(
              "A firing alert is sent again this often (Alertmanager resolves alerts that are not"
                  + " re-sent); 0 s sends it once.");
  public static final ConfigOption<Double> ESCALATION_FACTOR =
      key("alert.escalation-factor")
          .doubleType()
          .defaultValue(2.0)
          .withDescription(
              "A firing alert resolves and a new one fires, diagnosed afresh, when as many"
                  + " consecutive windows as fire an alert deviate this many times as much as the"
                  + " window it fired on; 0: never.");
  public static final ConfigOption<Boolean> DIAGNOSE_EVERY_WINDOW =
      key("heads.diagnose-every-window")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Also give calm windows a failure type, root causes and exemplar traces (the"
                  + " evaluation scores them); off, only anomalous windows are diagnosed, as alerts"
                  + " read no other.");
  public static final ConfigOption<Duration> NO_TELEMETRY_AFTER =
      key("alert.no-telemetry-after")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withDescription(
              "A system without a window for this long (processing time) gets a no-telemetry alert,"
                  + " and its firing alerts are repeated while it is silent; 0 s: off. Never in"
                  + " BATCH replays.");
  public static final ConfigOption<Duration> ALERT_STATE_TTL =
      key("alert.state-ttl")
          .durationType()
          .defaultValue(Duration.ofDays(1))
          .withDescription(
              "A system's alert state and recent normals are forgotten after this long without"
                  + " windows.");
  public static final ConfigOption<List<AlertSink>> ALERT_SINKS =
      key("alert.sinks")
          .enumType(AlertSink.class)
          .asList()
          .defaultValues(AlertSink.KAFKA)
          .withDescription("Where alerts go: kafka, alertmanager, or both (separated by ';').");

  /** Where alert notifications go. */
  public enum AlertSink {
    /** The alerts topic ({@code kafka.alerts-topic}). */
    KAFKA,
    /** Prometheus Alertmanager ({@code alertmanager.url}). */
    ALERTMANAGER;

    /** The configuration name, e.g. {@code alertmanager}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static final ConfigOption<String> ALERTS_TOPIC =
      key("kafka.alerts-topic")
          .stringType()
          .defaultValue(SystemKeyedKafkaSerializer.DEFAULT_ALERTS_TOPIC)
          .withDescription("Topic of alert notifications (JSON, key = system).");
  public static final ConfigOption<String> EMBEDDINGS_TOPIC =
      key("kafka.embeddings-topic")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Topic for slice embeddings (JSON), e.g. runtimeslicer-embeddings; empty: not"
                  + " written.");
  public static final ConfigOption<String> ALERTMANAGER_URL =
      key("alertmanager.url")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Base URL of Prometheus Alertmanager (alerts are POSTed to /api/v2/alerts).");
  public static final ConfigOption<String> GENERATOR_URL =
      key("alertmanager.generator-url")
          .stringType()
          .defaultValue("")
          .withDescription(
              "generatorURL of the alerts, e.g. the Flink UI of the job; empty: none.");
  public static final ConfigOption<Duration> CONNECT_TIMEOUT =
      key("alertmanager.connect-timeout")
          .durationType()
          .defaultValue(AlertmanagerSinkSettings.DEFAULT_CONNECT_TIMEOUT)
          .withDescription("TCP connect timeout to Alertmanager.");
  public static final ConfigOption<Duration> REQUEST_TIMEOUT =
      key("alertmanager.request-timeout")
          .durationType()
          .defaultValue(AlertmanagerSinkSettings.DEFAULT_REQUEST_TIMEOUT)
          .withDescription("Timeout of one POST to Alertmanager.");
  public static final ConfigOption<Integer> MAX_ATTEMPTS =
      key("alertmanager.max-attempts")
          .intType()
          .defaultValue(AlertmanagerSinkSettings.DEFAULT_MAX_ATTEMPTS)
          .withDescription(
              "Attempts per alert (connection errors, 5xx and 429 are retried with backoff); then"
                  + " it is dropped and counted.");
  public static final ConfigOption<Duration> INITIAL_BACKOFF =
      key("alertmanager.initial-backoff")
          .durationType()
          .defaultValue(AlertmanagerSinkSettings.DEFAULT_INITIAL_BACKOFF)
          .withDescription("Wait before the first retry; doubled per retry.");
  public static final ConfigOption<Duration> MAX_BACKOFF =
      key("alertmanager.max-backoff")
          .durationType()
          .defaultValue(AlertmanagerSinkSettings.DEFAULT_MAX_BACKOFF)
          .withDescription("Longest wait between retries.");
  public static final ConfigOption<Duration> FIRING_VALIDITY =
      key("alertmanager.firing-ends-after")
          .durationType()
          .defaultValue(AlertmanagerSinkSettings.DEFAULT_FIRING_VALIDITY)
          .withDescription(
              "A firing alert is posted with endsAt this long after the post, so Alertmanager"
                  + " resolves it if the job stops; keep it several repeat intervals.");
  public static final ConfigOption<Integer> QUEUE_CAPACITY =
      key("alertmanager.queue-capacity")
          .intType()
          .defaultValue(AlertmanagerSinkSettings.DEFAULT_QUEUE_CAPACITY)
          .withDescription(
              "Alerts (distinct ids) waiting for Alertmanager per sink subtask; a newer state of an"
                  + " alert replaces the waiting one, and when full the oldest is dropped and"
                  + " counted.");

  public static final ConfigOption<Boolean> TRAFFIC_CONTRAST =
      key("localization.traffic-contrast")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Also rank root causes by how each service's traces and logs differ from its system's"
                  + " recent calm windows, learned online per system (no training, no labels).");
  public static final ConfigOption<Duration> CONTRAST_MEMORY =
      key("localization.recent-memory")
          .durationType()
          .defaultValue(Duration.ofMillis(TrafficContrastSettings.DEFAULTS.memoryMs()))
          .withDescription(
              "How far back the recent calm traffic reaches: a window this old weighs 1/e of a new"
                  + " one.");
  public static final ConfigOption<Duration> CONTRAST_WARM_UP =
      key("localization.warm-up")
          .durationType()
          .defaultValue(Duration.ofMillis(TrafficContrastSettings.DEFAULTS.warmUpMs()))
          .withDescription(
              "Calm telemetry a system needs (also a new one, after a restart without state) before"
                  + " its traffic is contrasted.");
  public static final ConfigOption<List<String>> KNOWN_EDGES =
      key("localization.known-edges")
          .stringType()
          .asList()
          .noDefaultValue()
          .withDescription(
              "Call paths to add to every alert's service graph before traces show them, as"
                  + " caller->callee or system:caller->callee, separated by ';'.");

  public static final ConfigOption<Boolean> LIVE_TAIL =
      key("alert.live-tail")
          .booleanType()
          .defaultValue(true)
          .withDescription(
              "Keep learning each system's alert tail from its own windows that would not fire"
                  + " (peaks over threshold, as SPOT does), so its firing score follows its"
                  + " telemetry within the alert budget; a system tuning never saw gets its own"
                  + " after the warm-up.");
  public static final ConfigOption<Duration> LIVE_TAIL_MEMORY =
      key("alert.tail-memory")
          .durationType()
          .defaultValue(Duration.ofMillis(LiveAlertTailSettings.DEFAULTS.memoryMs()))
          .withDescription("How far back the windows the live alert tail learns from reach.");
  public static final ConfigOption<Duration> LIVE_TAIL_WARM_UP =
      key("alert.tail-warm-up")
          .durationType()
          .defaultValue(Duration.ofMillis(LiveAlertTailSettings.DEFAULTS.warmUpMs()))
          .withDescription(
              "Calm telemetry a system needs before its live alert tail joins the tuned one (alone"
                  + " sets the firing score of a system tuning never saw).");

  /** All options, for documentation and for rejecting unknown keys. */
  public static final List<ConfigOption<?>> ALL =
      List.of(
          BUNDLE,
          BATCH_SIZE,
          BATCH_DELAY,
          FIRING_WINDOWS,
          ALERT_BUDGET,
          RESOLVING_WINDOWS,
          REPEAT_INTERVAL,
          NO_TELEMETRY_AFTER,
          ESCALATION_FACTOR,
          DIAGNOSE_EVERY_WINDOW,
          ALERT_STATE_TTL,
          ALERT_SINKS,
          ALERTS_TOPIC,
          EMBEDDINGS_TOPIC,
          ALERTMANAGER_URL,
          GENERATOR_URL,
          CONNECT_TIMEOUT,
          REQUEST_TIMEOUT,
          MAX_ATTEMPTS,
          INITIAL_BACKOFF,
          MAX_BACKOFF,
          FIRING_VALIDITY,
          QUEUE_CAPACITY,
          TRAFFIC_CONTRAST,
          CONTRAST_MEMORY,
          CONTRAST_WARM_UP,
          KNOWN_EDGES,
          LIVE_TAIL,
          LIVE_TAIL_MEMORY,
          LIVE_TAIL_WARM_UP);
}
