package dev.runtimeslicer.slice;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.nio.charset.StandardCharsets;

/** The JSON a late record is kept as in its dead letter (its OTLP bytes are long gone). */
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
}
