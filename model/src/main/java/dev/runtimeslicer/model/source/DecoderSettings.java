package dev.runtimeslicer.model.source;

import java.io.Serializable;
import java.util.List;
import java.util.Set;

/**
 * What the OTLP decoder accepts and how it names things.
 *
 * @param systemAttributes resource attributes that name the system, the first one present wins
 * @param defaultSystem system name for resources with none of them; null dead-letters such
 *     resources
 * @param maxMessageBytes larger messages are dead-lettered unread
 * @param maxFutureSkewMs timestamps further than this ahead of the clock are dead-lettered
 * @param maxAttributeLength longer names and attribute values are cut to this many characters
 * @param maxLogBodyLength longer log bodies are cut to this many characters before parsing
 * @param counterGauges names of gauges that are cumulative counts (restart counts), treated as
 *     counters
 */
public record DecoderSettings(
    List<String> systemAttributes,
    String defaultSystem,
    int maxMessageBytes,
    long maxFutureSkewMs,
    int maxAttributeLength,
    int maxLogBodyLength,
    Set<String> counterGauges)
    implements Serializable {

  /**
   * Gauges that only count up over a container's life: Kubernetes restart counts, as the semantic
   * conventions and the k8s cluster receiver name them. Their level stays raised after a restart,
   * so like cumulative sums they are carried as rates.
   */
  public static final List<String> DEFAULT_COUNTER_GAUGES =
      List.of("k8s.container.restart.count", "k8s.container.restarts");

  /**
   * The semantic conventions' attribute for the deployment a service runs in ({@code
   * deployment.environment.name}), the name it had before, then the service namespace.
   */
  public static final List<String> DEFAULT_SYSTEM_ATTRIBUTES =
      List.of("deployment.environment.name", "deployment.environment", "service.namespace");

  public DecoderSettings {
    systemAttributes = List.copyOf(systemAttributes);
    if (systemAttributes.isEmpty()) {
      throw new IllegalArgumentException(
          "no resource attribute names the system; name at least one, e.g."
              + " deployment.environment.name");
    }
    counterGauges = Set.copyOf(counterGauges);
  }

  /** Defaults matching the job configuration's defaults. */
  public static DecoderSettings defaults() {
    return new DecoderSettings(
        DEFAULT_SYSTEM_ATTRIBUTES,
        "default",
        16 * 1024 * 1024,
        3_600_000L,
        256,
        4096,
        Set.copyOf(DEFAULT_COUNTER_GAUGES));
  }
}
