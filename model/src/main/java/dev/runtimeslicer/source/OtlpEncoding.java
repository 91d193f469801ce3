package dev.runtimeslicer.source;

import java.util.Locale;

/** Wire encodings of the OpenTelemetry Collector's Kafka exporter. */
public enum OtlpEncoding {
  OTLP_PROTO("otlp_proto"),
  OTLP_JSON("otlp_json");

  private final String configName;

  OtlpEncoding(String configName) {
    this.configName = configName;
  }

  /** The name used in Collector and job configuration. */
  public String configName() {
    return configName;
  }

  /** Parses a configured encoding name. */
  public static OtlpEncoding fromConfig(String name) {
    for (OtlpEncoding encoding : values()) {
      if (encoding.configName.equals(name.toLowerCase(Locale.ROOT))) {
        return encoding;
      }
    }
    throw new IllegalArgumentException("unknown OTLP encoding '" + name + "': use otlp_proto or otlp_json");
  }
}
