package dev.runtimeslicer.model.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.io.UncheckedIOException;

/** JSON form of runtime slices, as written to Kafka and files (one slice per line). */
public final class SliceJson {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private SliceJson() {}

  /** One line of JSON, map keys sorted so equal slices give equal text. */
  public static String write(RuntimeSlice slice) {
    try {
      return MAPPER.writeValueAsString(slice);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException("cannot write slice of " + slice.system + " as JSON", e);
    }
  }

  /** Reads a slice written by {@link #write}; fields it does not know are ignored. */
  public static RuntimeSlice read(String json) {
    try {
      return MAPPER.readValue(json, RuntimeSlice.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a runtime slice: " + e.getOriginalMessage(), e);
    }
  }
}
