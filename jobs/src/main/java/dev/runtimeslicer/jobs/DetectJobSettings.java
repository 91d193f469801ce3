package dev.runtimeslicer.jobs;

import static dev.runtimeslicer.jobs.DetectJobOptions.*;

import dev.runtimeslicer.model.task.KnownEdge;
import dev.runtimeslicer.model.task.LiveAlertTailSettings;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import dev.runtimeslicer.operators.alert.AlertmanagerSinkSettings;
import dev.runtimeslicer.operators.embedding.BundleLocation;
import dev.runtimeslicer.operators.embedding.MicroBatching;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;

/**
 * The detect job's configuration, typed and validated: the slicing job's settings plus {@link
 * DetectJobOptions}. Unknown keys and bad values fail with the key named.
 */
public final class DetectJobSettings implements Serializable {

  private static final long serialVersionUID = 1L;

  private final SliceJobSettings slicing;
  private final Configuration configuration;

  private DetectJobSettings(SliceJobSettings slicing, Configuration configuration) {
    this.slicing = slicing;
    this.configuration = configuration;
  }

  /** From {@code key=value} settings of both jobs. */
  public static DetectJobSettings fromMap(Map<String, String> settings) {
    Set<String> detectKeys =
        DetectJobOptions.ALL.stream().map(ConfigOption::key).collect(Collectors.toSet());
    Map<String, String> detect = new HashMap<>();
    Map<String, String> slice = new HashMap<>();
    settings.forEach((key, value) -> (detectKeys.contains(key) ? detect : slice).put(key, value));
    DetectJobSettings config =
        new DetectJobSettings(SliceJobSettings.fromMap(slice), Configuration.fromMap(detect));
    config.validate();
    return config;
  }

  public SliceJobSettings slicing() {
    return slicing;
  }

  public <T> T get(ConfigOption<T> option) {
    try {
      return configuration.get(option);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad value for '" + option.key() + "': " + e.getMessage(), e);
    }
  }

  /** An optional setting without default, or null. */
  public <T> T getOrNull(ConfigOption<T> option) {
    return configuration.getOptional(option).orElse(null);
  }

  private void validate() {
    DetectJobOptions.ALL.forEach(this::get);
    bundle();
    batching();
    Set<AlertSink> sinks = alertSinks();
    if (sinks.contains(AlertSink.ALERTMANAGER)) {
      alertmanager();
    }
    try {
      dev.runtimeslicer.model.alert.AlertLifecycle.checkEscalationFactor(get(ESCALATION_FACTOR));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad value for '" + ESCALATION_FACTOR.key() + "': " + e.getMessage(), e);
    }
    Double budget = getOrNull(ALERT_BUDGET);
    if (budget != null && !(budget > 0)) {
      throw new IllegalArgumentException(
          "'" + ALERT_BUDGET.key() + "' must be above 0 alerts a day, was " + budget);
    }
    trafficContrast();
    liveAlertTail();
    knownEdges();
    Integer firing = getOrNull(FIRING_WINDOWS);
    Integer resolving = getOrNull(RESOLVING_WINDOWS);
    if ((firing != null && firing < 1) || (resolving != null && resolving < 1)) {
      throw new IllegalArgumentException(
          "'"
              + FIRING_WINDOWS.key()
              + "' and '"
              + RESOLVING_WINDOWS.key()
              + "' must be at least 1");
    }
  }

  /**
   * Where the bundle is: a local directory, a Flink file system URI, or (when none is set) the
   * pretrained bundle shipped in the jar.
   */
  public BundleLocation bundle() {
    return BundleLocation.of(get(BUNDLE));
  }

  public MicroBatching batching() {
    try {
      return new MicroBatching(get(BATCH_SIZE), get(BATCH_DELAY));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad '" + BATCH_SIZE.key() + "'/'" + BATCH_DELAY.key() + "': " + e.getMessage(), e);
    }
  }

  /** The alert sinks named by {@code alert.sinks}. */
  public Set<AlertSink> alertSinks() {
    return EnumSet.copyOf(get(ALERT_SINKS));
  }

  /** Settings of the Alertmanager sink; fails when no URL is set. */
  public AlertmanagerSinkSettings alertmanager() {
    String url = get(ALERTMANAGER_URL);
    if (url.isBlank()) {
      throw new IllegalArgumentException(
          "'"
              + ALERT_SINKS.key()
              + "' names alertmanager but '"
              + ALERTMANAGER_URL.key()
              + "' is empty; set it to Alertmanager's base URL, e.g. http://127.0.0.1:9093");
    }
    String generator = get(GENERATOR_URL);
    try {
      return new AlertmanagerSinkSettings(
          url,
          generator.isBlank() ? null : generator,
          get(CONNECT_TIMEOUT),
          get(REQUEST_TIMEOUT),
          get(MAX_ATTEMPTS),
          get(INITIAL_BACKOFF),
          get(MAX_BACKOFF),
          get(FIRING_VALIDITY),
          get(QUEUE_CAPACITY));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("bad Alertmanager settings: " + e.getMessage(), e);
    }
  }

  /**
   * How recent calm traffic is learned and contrasted for localization; null when it is turned off.
   */
  public TrafficContrastSettings trafficContrast() {
    if (!get(TRAFFIC_CONTRAST)) {
      return null;
    }
    TrafficContrastSettings defaults = TrafficContrastSettings.DEFAULTS;
    try {
      return new TrafficContrastSettings(
          get(CONTRAST_MEMORY).toMillis(),
          get(CONTRAST_WARM_UP).toMillis(),
          defaults.minCount(),
          defaults.minSpreadMs(),
          defaults.relativeSpread(),
          defaults.maxTemplates());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad '" + CONTRAST_MEMORY.key() + "'/'" + CONTRAST_WARM_UP.key() + "': " + e.getMessage(),
          e);
    }
  }

  /** How each system's alert tail keeps learning online; null when it is turned off. */
  /** The call paths declared in {@code localization.known-edges}; empty when none are. */
  public List<KnownEdge> knownEdges() {
    List<String> declared = getOrNull(KNOWN_EDGES);
    List<KnownEdge> out = new ArrayList<>();
    for (String text : declared == null ? List.<String>of() : declared) {
      try {
        out.add(KnownEdge.parse(text));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("bad '" + KNOWN_EDGES.key() + "': " + e.getMessage(), e);
      }
    }
    return out;
  }

  public LiveAlertTailSettings liveAlertTail() {
    if (!get(LIVE_TAIL)) {
      return null;
    }
    try {
      return new LiveAlertTailSettings(
          get(LIVE_TAIL_MEMORY).toMillis(), get(LIVE_TAIL_WARM_UP).toMillis());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad '"
              + LIVE_TAIL_MEMORY.key()
              + "'/'"
              + LIVE_TAIL_WARM_UP.key()
              + "': "
              + e.getMessage(),
          e);
    }
  }

  /** Every key this job knows, for the README's table. */
  public static List<ConfigOption<?>> allOptions() {
    List<ConfigOption<?>> all = new java.util.ArrayList<>(SliceJobOptions.ALL);
    all.addAll(DetectJobOptions.ALL);
    return all;
  }
}
