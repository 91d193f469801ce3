package dev.runtimeslicer.simulator.fault;

import dev.runtimeslicer.simulator.system.Service;
import dev.runtimeslicer.simulator.system.ServiceKind;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The injectable fault types, their snake_case ids, where they may apply and what they act on. */
public enum FaultType {
  CPU_SATURATION(
      CpuSaturation::new,
      FaultScope.INSTANCE,
      EnumSet.of(FaultScope.INSTANCE, FaultScope.NODE),
      false),
  MEMORY_LEAK(MemoryLeak::new, FaultScope.INSTANCE, EnumSet.of(FaultScope.INSTANCE), false),
  NETWORK_DELAY(NetworkDelay::new, FaultScope.INSTANCE, EnumSet.allOf(FaultScope.class), false),
  PACKET_LOSS(PacketLoss::new, FaultScope.INSTANCE, EnumSet.allOf(FaultScope.class), false),
  HTTP_5XX(
      Http5xx::new, FaultScope.SERVICE, EnumSet.of(FaultScope.SERVICE, FaultScope.INSTANCE), false),
  POD_KILL(PodKill::new, FaultScope.INSTANCE, EnumSet.of(FaultScope.INSTANCE), false),
  SLOW_DATABASE(
      SlowDatabase::new,
      FaultScope.INSTANCE,
      EnumSet.of(FaultScope.INSTANCE, FaultScope.SERVICE),
      true),
  CONFIG_ERROR(ConfigError::new, FaultScope.SERVICE, EnumSet.of(FaultScope.SERVICE), false),
  THREAD_POOL_EXHAUSTION(
      ThreadPoolExhaustion::new, FaultScope.INSTANCE, EnumSet.of(FaultScope.INSTANCE), false);

  private final Supplier<FaultBehavior> behavior;
  private final FaultScope defaultScope;
  private final Set<FaultScope> scopes;
  private final boolean storageOnly;

  FaultType(
      Supplier<FaultBehavior> behavior,
      FaultScope defaultScope,
      Set<FaultScope> scopes,
      boolean storageOnly) {
    this.behavior = behavior;
    this.defaultScope = defaultScope;
    this.scopes = scopes;
    this.storageOnly = storageOnly;
  }

  /** The snake_case id used in labels and scripts, e.g. {@code cpu_saturation}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses an id; {@code slow_disk} is accepted for slow_database. */
  public static FaultType parse(String id) {
    String normalized = id.trim().toLowerCase(Locale.ROOT);
    if (normalized.equals("slow_disk")) {
      return SLOW_DATABASE;
    }
    for (FaultType type : values()) {
      if (type.id().equals(normalized)) {
        return type;
      }
    }
    throw new IllegalArgumentException(
        "unknown fault type '"
            + id
            + "'; use one of "
            + Arrays.stream(values()).map(FaultType::id).collect(Collectors.joining(", ")));
  }

  /** A fresh behaviour for one fault of this type. */
  public FaultBehavior newBehavior() {
    return behavior.get();
  }

  /** The scope random schedules use. */
  public FaultScope defaultScope() {
    return defaultScope;
  }

  /** Whether a scripted fault may use this scope. */
  public boolean allows(FaultScope scope) {
    return scopes.contains(scope);
  }

  /**
   * Whether the type fits a service: slow_database needs storage, the others need application code.
   */
  public boolean fits(Service service) {
    boolean storage = service.kind().isStorage();
    if (storageOnly) {
      return storage;
    }
    // Application-level faults (exceptions, thread pools, config, leaks in a JVM heap) need
    // application code.
    boolean applicationLevel =
        this == HTTP_5XX
            || this == CONFIG_ERROR
            || this == THREAD_POOL_EXHAUSTION
            || this == MEMORY_LEAK;
    return !(applicationLevel && storage)
        && !(this == CONFIG_ERROR && service.kind() == ServiceKind.GATEWAY);
  }
}
