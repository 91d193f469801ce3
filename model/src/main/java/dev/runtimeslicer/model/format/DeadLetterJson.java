package dev.runtimeslicer.model.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import java.io.UncheckedIOException;

/** One JSON line per dead letter for file output; the payload is base64 of the original bytes. */
public final class DeadLetterJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private DeadLetterJson() {}

  public static String write(DeadLetter letter) {
    try {
      return MAPPER.writeValueAsString(letter);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write dead letter as JSON", e);
    }
  }

  public static DeadLetter read(String json) {
    try {
      return MAPPER.readValue(json, DeadLetter.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a dead letter: " + e.getOriginalMessage(), e);
    }
  }
}
