package dev.runtimeslicer.model.source;

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

  /** The configuration name, so configuration reads and shows {@code otlp_proto}. */
  @Override
  public String toString() {
    return configName;
  }
}
