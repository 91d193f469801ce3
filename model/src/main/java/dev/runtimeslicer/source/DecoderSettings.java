package dev.runtimeslicer.source;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What the OTLP decoder accepts and how it names things.
 *
 * @param systemAttribute resource attribute holding the system name
 * @param defaultSystem system name for resources without that attribute
 * @param maxMessageBytes larger messages are dead-lettered unread
 * @param maxFutureSkewMs timestamps further than this ahead of the clock are dead-lettered
 * @param maxAttributeLength longer names and attribute values are cut to this many characters
 * @param maxLogBodyLength longer log bodies are cut to this many characters before parsing
 * @param counterGauges names of gauges that are cumulative counts (restart counts), treated as counters
 */
public record DecoderSettings(
    String systemAttribute,
    String defaultSystem,
    int maxMessageBytes,
    long maxFutureSkewMs,
    int maxAttributeLength,
    int maxLogBodyLength,
    Set<String> counterGauges)
    implements Serializable {

  /**
   * Gauges that only count up over a container's life: Kubernetes restart counts, as the
   * semantic conventions and the k8s cluster receiver name them. Their level stays raised after a
   * restart, so like cumulative sums they are carried as rates.
   */
  public static final List<String> DEFAULT_COUNTER_GAUGES = List.of("k8s.container.restart.count", "k8s.container.restarts");

  public DecoderSettings {
    counterGauges = Set.copyOf(counterGauges);
  }

  /** Defaults matching the job configuration's defaults. */
  public static DecoderSettings defaults() {
    return new DecoderSettings("deployment.environment", "default", 16 * 1024 * 1024, 3_600_000L, 256, 4096,
        Set.copyOf(DEFAULT_COUNTER_GAUGES));
  }
}
