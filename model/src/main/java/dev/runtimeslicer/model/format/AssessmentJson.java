package dev.runtimeslicer.model.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.runtimeslicer.model.task.SliceAssessment;

/**
 * Window assessments as JSON lines (the detect job's assessments output, read back by the
 * evaluation).
 */
public final class AssessmentJson {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private AssessmentJson() {}

  public static String write(SliceAssessment assessment) {
    try {
      return JSON.writeValueAsString(assessment);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an assessment is always writable", e);
    }
  }

  public static SliceAssessment read(String line) {
    try {
      return JSON.readValue(line, SliceAssessment.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not an assessment: " + e.getOriginalMessage(), e);
    }
  }
}
