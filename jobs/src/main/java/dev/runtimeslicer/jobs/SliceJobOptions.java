package dev.runtimeslicer.jobs;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.source.DecoderSettings;
import dev.runtimeslicer.model.source.OtlpEncoding;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.connector.base.DeliveryGuarantee;

/** Every setting of the slicing job, with defaults that work against a local Collector setup. */
public final class SliceJobOptions {

  private SliceJobOptions() {}

  /**
   * Settings starting with this are Kafka client properties for every source and sink, e.g. {@code
   * kafka.properties.security.protocol}.
   */
  public static final String KAFKA_PROPERTIES_PREFIX = "kafka.properties.";

  public static final ConfigOption<String> BOOTSTRAP_SERVERS =
      key("kafka.bootstrap-servers")
          .stringType()
          .noDefaultValue()
          .withDescription("Kafka brokers to read OTLP from and write slices and dead letters to.");
  public static final ConfigOption<String> GROUP_ID =
      key("kafka.group-id")
          .stringType()
          .defaultValue("runtimeslicer")
          .withDescription("Consumer group of the three OTLP sources.");
  public static final ConfigOption<StartingOffsets> STARTING_OFFSETS =
      key("kafka.starting-offsets")
          .enumType(StartingOffsets.class)
          .defaultValue(StartingOffsets.COMMITTED_OR_EARLIEST)
          .withDescription(
              "Where to start reading without a checkpoint: committed-or-earliest, earliest or"
                  + " latest.");

  /** Where the sources start reading when no checkpoint says. */
  public enum StartingOffsets {
    /** The consumer group's committed offsets, else the earliest. */
    COMMITTED_OR_EARLIEST,
    /** The earliest offsets. */
    EARLIEST,
    /** The latest offsets: only telemetry that arrives from now on. */
    LATEST;

    /** The configuration name, e.g. {@code committed-or-earliest}. */
    @Override
    public String toString() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  public static final ConfigOption<String> METRICS_TOPIC =
      key("kafka.metrics-topic")
          .stringType()
          .defaultValue("otlp_metrics")
          .withDescription("Topic of OTLP metrics (Collector kafka exporter default).");
  public static final ConfigOption<String> SPANS_TOPIC =
      key("kafka.spans-topic")
          .stringType()
          .defaultValue("otlp_spans")
          .withDescription("Topic of OTLP spans (Collector kafka exporter default).");
  public static final ConfigOption<String> LOGS_TOPIC =
      key("kafka.logs-topic")
          .stringType()
          .defaultValue("otlp_logs")
          .withDescription("Topic of OTLP logs (Collector kafka exporter default).");
  public static final ConfigOption<OtlpEncoding> METRICS_ENCODING =
      key("kafka.metrics-encoding")
          .enumType(OtlpEncoding.class)
          .defaultValue(OtlpEncoding.OTLP_PROTO)
          .withDescription("otlp_proto or otlp_json.");
  public static final ConfigOption<OtlpEncoding> SPANS_ENCODING =
      key("kafka.spans-encoding")
          .enumType(OtlpEncoding.class)
          .defaultValue(OtlpEncoding.OTLP_PROTO)
          .withDescription("otlp_proto or otlp_json.");
  public static final ConfigOption<OtlpEncoding> LOGS_ENCODING =
      key("kafka.logs-encoding")
          .enumType(OtlpEncoding.class)
          .defaultValue(OtlpEncoding.OTLP_PROTO)
          .withDescription("otlp_proto or otlp_json.");
  public static final ConfigOption<String> SLICES_TOPIC =
      key("kafka.slices-topic")
          .stringType()
          .defaultValue("runtimeslicer-slices")
          .withDescription("Topic the slices are written to as JSON, keyed by system.");
  public static final ConfigOption<String> DEAD_LETTER_TOPIC =
      key("kafka.dead-letter-topic")
          .stringType()
          .defaultValue("runtimeslicer-dead-letter")
          .withDescription(
              "Topic of input the job could not use: original bytes, with source and reason in"
                  + " headers.");

  public static final ConfigOption<List<String>> SYSTEM_ATTRIBUTES =
      key("system.attributes")
          .stringType()
          .asList()
          .defaultValues(DecoderSettings.DEFAULT_SYSTEM_ATTRIBUTES.toArray(String[]::new))
          .withFallbackKeys("system.attribute")
          .withDescription(
              "Resource attributes that name the system a service belongs to; the first one present"
                  + " wins.");
  public static final ConfigOption<String> DEFAULT_SYSTEM =
      key("system.default-name")
          .stringType()
          .defaultValue("default")
          .withDescription(
              "System of resources with none of those attributes (counted in"
                  + " resourcesWithoutSystem).");
  public static final ConfigOption<MissingSystem> MISSING_SYSTEM =
      key("system.when-missing")
          .enumType(MissingSystem.class)
          .defaultValue(MissingSystem.DEFAULT_NAME)
          .withDescription(
              "What happens to telemetry whose resource names no system: default_name"
                  + " (system.default-name) or dead_letter.");

  /** Where telemetry goes whose resource names no system. */
  public enum MissingSystem {
    /** Into the system named by {@code system.default-name}. */
    DEFAULT_NAME,
    /** To the dead letters, as {@code missing_system}. */
    DEAD_LETTER
  }

  public static final ConfigOption<Duration> MAX_OUT_OF_ORDERNESS =
      key("watermark.max-out-of-orderness")
          .durationType()
          .defaultValue(Duration.ofSeconds(15))
          .withDescription(
              "How far behind its system's event time a record may arrive and still count (spans"
                  + " count at their end; SDK and Collector batching).");
  public static final ConfigOption<Duration> IDLENESS =
      key("watermark.idleness")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withDescription(
              "A signal of a system silent this long stops holding the system's windows; a system"
                  + " silent this long has them closed on processing time.");

  public static final ConfigOption<Duration> MAX_LEAD =
      key("watermark.max-lead")
          .durationType()
          .defaultValue(Duration.ofMillis(EventTimeSettings.DEFAULT_MAX_LEAD_MS))
          .withDescription(
              "How far ahead of the job's clock a record may move its system's clock: a host whose"
                  + " clock runs fast must not make the other hosts' records late.");

  public static final ConfigOption<Duration> ALIGNMENT_MAX_DRIFT =
      key("watermark.alignment-max-drift")
          .durationType()
          .defaultValue(Duration.ofMinutes(2))
          .withDescription(
              "Kafka partitions whose event time runs further ahead of the slowest partition of the"
                  + " three topics pause until it catches up (bounds state when reading a"
                  + " backlog).");

  public static final ConfigOption<Duration> WINDOW_SIZE =
      key("slice.window-size")
          .durationType()
          .defaultValue(Duration.ofSeconds(60))
          .withDescription("Length W of a runtime slice's window.");
  public static final ConfigOption<Duration> SLIDE =
      key("slice.slide")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "Slide S between windows; also the pane length. W must be a multiple of S.");

  public static final ConfigOption<Boolean> PRE_AGGREGATION =
      key("slice.pre-aggregation")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Aggregate records into parts of panes where they are read, before the shuffle by"
                  + " system, so one large system uses every slot (streams only). Late input is"
                  + " then dead-lettered per part, with counts; a second delivery is skipped only"
                  + " when read by the same subtask (have the Collector partition by trace id and"
                  + " resource).");
  public static final ConfigOption<Duration> PRE_AGGREGATION_INTERVAL =
      key("slice.pre-aggregation.flush-interval")
          .durationType()
          .defaultValue(Duration.ofMillis(200))
          .withDescription(
              "With pre-aggregation, how often each subtask sends its parts on; a window closes up"
                  + " to this much later.");
  public static final ConfigOption<Integer> PRE_AGGREGATION_MAX_RECORDS =
      key("slice.pre-aggregation.max-records")
          .intType()
          .defaultValue(100_000)
          .withDescription(
              "With pre-aggregation, records a subtask holds before it sends its parts on early.");

  public static final ConfigOption<Integer> MAX_SERVICES =
      key("limits.services-per-system")
          .intType()
          .defaultValue(512)
          .withDescription("Services per system and pane; more are counted as overflow.");
  public static final ConfigOption<Integer> MAX_METRIC_NAMES =
      key("limits.metric-names-per-service")
          .intType()
          .defaultValue(256)
          .withDescription("Metric series per service and pane.");
  public static final ConfigOption<Integer> MAX_TEMPLATES =
      key("limits.templates-per-service")
          .intType()
          .defaultValue(256)
          .withDescription("Log templates learned per service.");
  public static final ConfigOption<Integer> MAX_OPERATIONS =
      key("limits.operations-per-service")
          .intType()
          .defaultValue(128)
          .withDescription("Operations per service and pane.");
  public static final ConfigOption<Integer> MAX_CALLEES =
      key("limits.callees-per-service")
          .intType()
          .defaultValue(64)
          .withDescription("Callee services per service and pane.");
  public static final ConfigOption<Integer> MAX_INSTANCES =
      key("limits.instances-per-service")
          .intType()
          .defaultValue(64)
          .withDescription("Instance names kept per service and pane.");
  public static final ConfigOption<Integer> MAX_LINKED_SPANS =
      key("limits.linked-spans-per-pane")
          .intType()
          .defaultValue(50_000)
          .withDescription(
              "Span ids kept per pane to find callees through parent links when spans lack"
                  + " peer.service.");
  public static final ConfigOption<Integer> MAX_EXEMPLARS =
      key("limits.exemplars-per-service")
          .intType()
          .defaultValue(5)
          .withDescription(
              "Trace ids kept per service and window: this many of its first failing requests and"
                  + " this many of its slowest.");
  public static final ConfigOption<Integer> MAX_RECORD_IDS =
      key("limits.record-ids-per-pane")
          .intType()
          .defaultValue(SliceSettings.defaults().maxRecordIdsPerPane())
          .withDescription(
              "Record ids kept per system and pane to count a record delivered twice once"
                  + " (Collector retries are at least once); beyond, records are taken unchecked"
                  + " (overflow record_ids).");
  public static final ConfigOption<Integer> MAX_ATTRIBUTE_LENGTH =
      key("limits.attribute-length")
          .intType()
          .defaultValue(256)
          .withDescription("Names and attribute values are cut to this many characters.");
  public static final ConfigOption<List<String>> COUNTER_GAUGES =
      key("metrics.counter-gauges")
          .stringType()
          .asList()
          .defaultValues(DecoderSettings.DEFAULT_COUNTER_GAUGES.toArray(String[]::new))
          .withDescription(
              "Gauges that are cumulative counts (restart counts): carried as rates per window like"
                  + " cumulative sums.");
  public static final ConfigOption<Integer> MAX_LOG_BODY_LENGTH =
      key("limits.log-body-length")
          .intType()
          .defaultValue(4096)
          .withDescription("Log bodies are cut to this many characters before template mining.");
  public static final ConfigOption<Integer> MAX_MESSAGE_BYTES =
      key("limits.message-bytes")
          .intType()
          .defaultValue(16 * 1024 * 1024)
          .withDescription("Larger OTLP messages are dead-lettered unread.");
  public static final ConfigOption<Integer> MAX_DEAD_LETTER_BYTES =
      key("limits.dead-letter-bytes")
          .intType()
          .defaultValue(512 * 1024)
          .withDescription(
              "Dead-letter payloads written to Kafka are cut to this many bytes (headers say so),"
                  + " below the producer's max.request.size (1 MiB by default).");
  public static final ConfigOption<Duration> MAX_FUTURE_SKEW =
      key("limits.future-skew")
          .durationType()
          .defaultValue(Duration.ofHours(1))
          .withDescription("Timestamps further ahead of the job's clock are dead-lettered.");

  public static final ConfigOption<Duration> TEMPLATE_STATE_TTL =
      key("state.template-ttl")
          .durationType()
          .defaultValue(Duration.ofDays(7))
          .withDescription("Log templates of a service unseen this long are forgotten.");
  public static final ConfigOption<Duration> CHECKPOINT_INTERVAL =
      key("checkpoint.interval")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withDescription(
              "Checkpoint interval of a Kafka stream; file sinks publish their files on"
                  + " checkpoints.");
  public static final ConfigOption<String> CHECKPOINT_DIRECTORY =
      key("checkpoint.directory")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Where checkpoints are kept: a Flink file system URI every JobManager and TaskManager"
                  + " reaches (file:// on a shared directory, s3://, gs:// with Flink's plugins);"
                  + " empty: the cluster's execution.checkpointing.dir, else "
                  + "file://<java.io.tmpdir>/runtimeslicer/checkpoints.");
  public static final ConfigOption<String> SAVEPOINT_DIRECTORY =
      key("savepoint.directory")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Where savepoints go when a stop or trigger names no directory; empty: the cluster's"
                  + " execution.checkpointing.savepoint-dir, else 'savepoints' in the checkpoint"
                  + " directory.");

  public static final ConfigOption<String> STATE_BACKEND =
      key("state.backend")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Where keyed state lives in a stream: 'hashmap' (the heap) or 'rocksdb' (local disk,"
                  + " incremental checkpoints; for state larger than memory); empty: the cluster's"
                  + " state.backend.type, else hashmap.");

  public static final ConfigOption<String> RESTORE_FROM =
      key("checkpoint.restore-from")
          .stringType()
          .defaultValue("")
          .withDescription(
              "A savepoint or retained checkpoint to start a stream from (operator ids are stable"
                  + " across versions); empty: a fresh start.");

  public static final ConfigOption<DeliveryGuarantee> DELIVERY_GUARANTEE =
      key("kafka.delivery-guarantee")
          .enumType(DeliveryGuarantee.class)
          .defaultValue(DeliveryGuarantee.EXACTLY_ONCE)
          .withDescription(
              "Kafka sinks: exactly-once (transactions committed on checkpoints; readers use"
                  + " isolation.level=read_committed), at-least-once or none.");
  public static final ConfigOption<String> TRANSACTIONAL_ID_PREFIX =
      key("kafka.transactional-id-prefix")
          .stringType()
          .defaultValue("")
          .withDescription(
              "Prefix of the exactly-once sinks' transactional ids, unique per job on a Kafka"
                  + " cluster; empty: the consumer group id.");
  public static final ConfigOption<Duration> TRANSACTION_TIMEOUT =
      key("kafka.transaction-timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(15))
          .withDescription(
              "Exactly-once sinks' transaction.timeout.ms: longer than a checkpoint interval plus a"
                  + " restart, at most the brokers' transaction.max.timeout.ms (15 min by"
                  + " default).");

  /** All options, for documentation and for rejecting unknown keys. */
  public static final List<ConfigOption<?>> ALL =
      List.of(
          BOOTSTRAP_SERVERS,
          GROUP_ID,
          STARTING_OFFSETS,
          METRICS_TOPIC,
          SPANS_TOPIC,
          LOGS_TOPIC,
          METRICS_ENCODING,
          SPANS_ENCODING,
          LOGS_ENCODING,
          SLICES_TOPIC,
          DEAD_LETTER_TOPIC,
          SYSTEM_ATTRIBUTES,
          DEFAULT_SYSTEM,
          MISSING_SYSTEM,
          MAX_OUT_OF_ORDERNESS,
          IDLENESS,
          MAX_LEAD,
          ALIGNMENT_MAX_DRIFT,
          WINDOW_SIZE,
          SLIDE,
          PRE_AGGREGATION,
          PRE_AGGREGATION_INTERVAL,
          PRE_AGGREGATION_MAX_RECORDS,
          MAX_SERVICES,
          MAX_METRIC_NAMES,
          MAX_TEMPLATES,
          MAX_OPERATIONS,
          MAX_CALLEES,
          MAX_INSTANCES,
          MAX_LINKED_SPANS,
          MAX_EXEMPLARS,
          MAX_RECORD_IDS,
          MAX_ATTRIBUTE_LENGTH,
          MAX_LOG_BODY_LENGTH,
          COUNTER_GAUGES,
          MAX_MESSAGE_BYTES,
          MAX_DEAD_LETTER_BYTES,
          MAX_FUTURE_SKEW,
          TEMPLATE_STATE_TTL,
          CHECKPOINT_INTERVAL,
          CHECKPOINT_DIRECTORY,
          SAVEPOINT_DIRECTORY,
          STATE_BACKEND,
          RESTORE_FROM,
          DELIVERY_GUARANTEE,
          TRANSACTIONAL_ID_PREFIX,
          TRANSACTION_TIMEOUT);
}
