package dev.runtimeslicer.jobs;

import static dev.runtimeslicer.jobs.SliceJobOptions.*;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.source.DecoderSettings;
import dev.runtimeslicer.operators.slice.PanePreAggregator;
import java.io.Serializable;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.DeliveryGuarantee;

/**
 * The slicing job's configuration, typed and validated; built from {@link SliceJobOptions} keys.
 */
public final class SliceJobSettings implements Serializable {

  private static final long serialVersionUID = 1L;
  private final Configuration configuration;

  private SliceJobSettings(Configuration configuration) {
    this.configuration = configuration;
  }

  /** Defaults for every option. */
  public static SliceJobSettings defaults() {
    return new SliceJobSettings(new Configuration());
  }

  /** From {@code key=value} settings; unknown keys and bad values fail with the key named. */
  public static SliceJobSettings fromMap(Map<String, String> settings) {
    Set<String> known = new HashSet<>();
    for (ConfigOption<?> option : SliceJobOptions.ALL) {
      known.add(option.key());
      option.fallbackKeys().forEach(fallback -> known.add(fallback.getKey()));
    }
    for (String key : settings.keySet()) {
      if (key.startsWith(KAFKA_PROPERTIES_PREFIX)) {
        if (key.length() == KAFKA_PROPERTIES_PREFIX.length()) {
          throw new IllegalArgumentException(
              "setting '"
                  + key
                  + "' names no Kafka client property; use e.g. "
                  + KAFKA_PROPERTIES_PREFIX
                  + "security.protocol=SASL_SSL");
        }
      } else if (!known.contains(key)) {
        throw new IllegalArgumentException(
            "unknown setting '"
                + key
                + "'; the settings are listed in the README's configuration table");
      }
    }
    SliceJobSettings config = new SliceJobSettings(Configuration.fromMap(settings));
    config.validate();
    return config;
  }

  /** A copy with one setting changed. */
  public <T> SliceJobSettings with(ConfigOption<T> option, T value) {
    Configuration copy = new Configuration(configuration);
    copy.set(option, value);
    SliceJobSettings config = new SliceJobSettings(copy);
    config.validate();
    return config;
  }

  public <T> T get(ConfigOption<T> option) {
    try {
      return configuration.get(option);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad value for '" + option.key() + "': " + e.getMessage(), e);
    }
  }

  private void validate() {
    SliceJobOptions.ALL.forEach(this::get);
    sliceSettings();
    eventTime();
    preAggregator();
    if (get(DELIVERY_GUARANTEE) == DeliveryGuarantee.EXACTLY_ONCE
        && get(TRANSACTION_TIMEOUT).compareTo(get(CHECKPOINT_INTERVAL)) <= 0) {
      throw new IllegalArgumentException(
          "'"
              + TRANSACTION_TIMEOUT.key()
              + "' ("
              + get(TRANSACTION_TIMEOUT).toSeconds()
              + " s) must be longer than '"
              + CHECKPOINT_INTERVAL.key()
              + "' ("
              + get(CHECKPOINT_INTERVAL).toSeconds()
              + " s): a transaction stays open from one checkpoint to the next");
    }
  }

  /** Prefix of the exactly-once sinks' transactional ids: as set, else the consumer group id. */
  public String transactionalIdPrefix() {
    String set = get(TRANSACTIONAL_ID_PREFIX);
    return set.isBlank() ? get(GROUP_ID) : set;
  }

  public DecoderSettings decoderSettings() {
    String defaultSystem =
        get(MISSING_SYSTEM) == MissingSystem.DEAD_LETTER ? null : get(DEFAULT_SYSTEM);
    return new DecoderSettings(
        get(SYSTEM_ATTRIBUTES),
        defaultSystem,
        get(MAX_MESSAGE_BYTES),
        get(MAX_FUTURE_SKEW).toMillis(),
        get(MAX_ATTRIBUTE_LENGTH),
        get(MAX_LOG_BODY_LENGTH),
        java.util.Set.copyOf(get(COUNTER_GAUGES)));
  }

  public SliceSettings sliceSettings() {
    try {
      return new SliceSettings(
          get(WINDOW_SIZE).toMillis(),
          get(SLIDE).toMillis(),
          get(MAX_SERVICES),
          get(MAX_METRIC_NAMES),
          get(MAX_TEMPLATES),
          get(MAX_OPERATIONS),
          get(MAX_CALLEES),
          get(MAX_INSTANCES),
          get(MAX_LINKED_SPANS),
          get(MAX_EXEMPLARS),
          get(MAX_RECORD_IDS));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad '" + WINDOW_SIZE.key() + "'/'" + SLIDE.key() + "': " + e.getMessage(), e);
    }
  }

  /** When each system's windows close: its allowed out-of-orderness and idleness. */
  public EventTimeSettings eventTime() {
    try {
      return new EventTimeSettings(
          get(MAX_OUT_OF_ORDERNESS).toMillis(), get(IDLENESS).toMillis(), get(MAX_LEAD).toMillis());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad '" + MAX_OUT_OF_ORDERNESS.key() + "'/'" + IDLENESS.key() + "': " + e.getMessage(),
          e);
    }
  }

  /** The pre-aggregator of a stream, or null when {@code slice.pre-aggregation} is off. */
  public PanePreAggregator preAggregator() {
    if (!get(PRE_AGGREGATION)) {
      return null;
    }
    try {
      return new PanePreAggregator(
          sliceSettings(),
          eventTime(),
          get(PRE_AGGREGATION_INTERVAL),
          get(PRE_AGGREGATION_MAX_RECORDS));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad '"
              + PRE_AGGREGATION_INTERVAL.key()
              + "'/'"
              + PRE_AGGREGATION_MAX_RECORDS.key()
              + "': "
              + e.getMessage(),
          e);
    }
  }

  public Duration templateStateTtl() {
    return get(TEMPLATE_STATE_TTL);
  }

  /**
   * Kafka client properties given as {@code kafka.properties.<client key>}, passed to every Kafka
   * source and sink of the job (security, SASL/TLS, {@code max.request.size}, ...). The job's own
   * settings (bootstrap servers, group id, serializers, offsets) are set after them and win.
   */
  public Properties kafkaProperties() {
    Properties properties = new Properties();
    configuration
        .toMap()
        .forEach(
            (key, value) -> {
              if (key.startsWith(KAFKA_PROPERTIES_PREFIX)) {
                properties.setProperty(key.substring(KAFKA_PROPERTIES_PREFIX.length()), value);
              }
            });
    return properties;
  }

  /** The bootstrap servers; fails with advice when none are set. */
  public String bootstrapServers() {
    return configuration
        .getOptional(BOOTSTRAP_SERVERS)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no Kafka brokers: pass --bootstrap HOST:PORT or set "
                        + BOOTSTRAP_SERVERS.key()));
  }
}
