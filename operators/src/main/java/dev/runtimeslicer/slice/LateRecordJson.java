package dev.runtimeslicer.slice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.telemetry.Signal;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** The JSON late input is kept as in its dead letter (its OTLP bytes are long gone). */
final class LateRecordJson {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private LateRecordJson() {}

  static byte[] write(TelemetryRecord record) {
    try {
      return MAPPER.writeValueAsBytes(record);
    } catch (JsonProcessingException e) {
      return record.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  /** A pre-aggregated part: what it counted, since its records were aggregated where they arrived. */
  static byte[] write(PartialPane part) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("system", part.system);
    json.put("paneStartMs", part.paneStartMs);
    json.put("services", new TreeMap<>(servicesWithRecords(part)));
    Map<String, Object> signals = new LinkedHashMap<>();
    for (Signal signal : Signal.values()) {
      if (part.recordCount(signal) > 0) {
        signals.put(signal.name(), Map.of("records", part.recordCount(signal), "oldestMs", part.oldestMs(signal),
            "newestMs", part.newestMs(signal)));
      }
    }
    json.put("signals", signals);
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      return json.toString().getBytes(StandardCharsets.UTF_8);
    }
  }

  private static Map<String, Long> servicesWithRecords(PartialPane part) {
    Map<String, Long> services = new TreeMap<>();
    part.pane.services.forEach((name, service) -> services.put(name, service.records()));
    return services;
  }
}
