package dev.runtimeslicer.operators;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.AlertTrack;
import dev.runtimeslicer.model.task.SliceAssessment;
import org.apache.flink.types.PojoTestUtils;
import org.junit.jupiter.api.Test;

/**
 * The records that cross operators and live in state are Flink POJOs all the way down, so Flink
 * serializes them field by field (and evolves their state schema) without falling back to Kryo.
 */
class RecordTypesTest {

  @Test
  void assessmentsWithTheirHeadAnswersAreSerializedAsPojos() {
    PojoTestUtils.assertSerializedAsPojoWithoutKryo(SliceAssessment.class);
  }

  @Test
  void alertsAndAlertTracksAreSerializedAsPojos() {
    PojoTestUtils.assertSerializedAsPojoWithoutKryo(Alert.class);
    PojoTestUtils.assertSerializedAsPojoWithoutKryo(AlertTrack.class);
  }
}
