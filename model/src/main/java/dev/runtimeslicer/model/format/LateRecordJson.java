package dev.runtimeslicer.model.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.model.slice.PartialPane;
import dev.runtimeslicer.model.telemetry.Signal;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON late input is kept as in its dead letter (its OTLP bytes are long gone). */
public final class LateRecordJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LateRecordJson() {}

  public static byte[] write(TelemetryRecord record) {
    try {
      return MAPPER.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      return record.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * A pre-aggregated part: what it counted, since its records were aggregated where they arrived.
   */
  public static byte[] write(PartialPane part) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("system", part.system);
    json.put("paneStartMs", part.paneStartMs);
    json.put("services", part.recordsByService());
    Map<String, Object> signals = new LinkedHashMap<>();
    for (Signal signal : Signal.values()) {
      if (part.recordCount(signal) > 0) {
        signals.put(
            signal.name(),
            Map.of(
                "records",
                part.recordCount(signal),
                "oldestMs",
                part.oldestMs(signal),
                "newestMs",
                part.newestMs(signal)));
      }
    }
    json.put("signals", signals);
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      return json.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
