package dev.runtimeslicer.model.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.List;
import org.junit.jupiter.api.Test;

class SliceAssessmentTest {

  @Test
  void aCopyWithOtherRootCausesKeepsEverythingElseAndSharesNoList() {
    SliceAssessment a = new SliceAssessment();
    a.system = "shop";
    a.windowStartMs = 10;
    a.windowEndMs = 70;
    a.stateDistance = 1.5;
    a.windowRawScore = 3.2;
    a.anomalyScore = 0.999;
    a.anomalous = true;
    a.failureType = "pod_kill";
    a.unknownServices = 2;
    a.exemplarTraceIds.add("abc");
    a.rootCauses.add(new RootCauseCandidate("frontend", null, 1));

    SliceAssessment b = a.withRootCauses(List.of(new RootCauseCandidate("cart", "cart-0", 2)));
    assertEquals("cart", b.rootCauses.get(0).service);
    assertEquals("frontend", a.rootCauses.get(0).service);
    assertEquals(List.of("abc"), b.exemplarTraceIds);
    assertNotSame(a.exemplarTraceIds, b.exemplarTraceIds);
    assertEquals(1.5, b.stateDistance);
    assertEquals(3.2, b.windowRawScore);
    assertEquals(0.999, b.anomalyScore);
    assertEquals("pod_kill", b.failureType);
    assertEquals(2, b.unknownServices);
    assertEquals(a.anomalous, b.anomalous);
  }
}
