package dev.runtimeslicer.source;

import java.io.Serializable;

/**
 * What the OTLP decoder accepts and how it names things.
 *
 * @param systemAttribute resource attribute holding the system name
 * @param defaultSystem system name for resources without that attribute
 * @param maxMessageBytes larger messages are dead-lettered unread
 * @param maxFutureSkewMs timestamps further than this ahead of the clock are dead-lettered
 * @param maxAttributeLength longer names and attribute values are cut to this many characters
 * @param maxLogBodyLength longer log bodies are cut to this many characters before parsing
 */
public record DecoderSettings(
    String systemAttribute,
    String defaultSystem,
    int maxMessageBytes,
    long maxFutureSkewMs,
    int maxAttributeLength,
    int maxLogBodyLength)
    implements Serializable {

  /** Defaults matching the job configuration's defaults. */
  public static DecoderSettings defaults() {
    return new DecoderSettings("deployment.environment", "default", 16 * 1024 * 1024, 3_600_000L, 256, 4096);
  }
}
