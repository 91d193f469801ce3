package dev.runtimeslicer.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.runtimeslicer.alert.RootCauseCandidate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  private static List<RootCauseCandidate> model(String... services) {
    return java.util.Arrays.stream(services).map(s -> new RootCauseCandidate(s, s + "-0", 1)).toList();
  }

  private static TrafficContrast.Change change(double score) {
    return new TrafficContrast.Change(score, 0, 0, 0, 0, 0, 0);
  }

  @Test
  void aServiceBothRankingsPlaceHighBeatsOneOnlyOnePlacesFirst() {
    // Model: frontend, cart, db. Contrast: db, frontend, cart. frontend 1/2 + 1/3, db 1/4 + 1/2, cart 1/3 + 1/4.
    TrafficContrast contrast = TrafficContrast.of(Map.of("db", change(9), "frontend", change(5), "cart", change(1)));
    List<RootCauseCandidate> fused = RankFusion.fuse(model("frontend", "cart", "db"), contrast);
    assertEquals(List.of("frontend", "db", "cart"), fused.stream().map(c -> c.service).toList());
    assertEquals(1 / 2.0 + 1 / 3.0, fused.get(0).score, 1e-12);
    assertEquals("frontend-0", fused.get(0).instance);
  }

  @Test
  void aServiceOnlyTheContrastKnowsIsRankedWithoutAnInstance() {
    TrafficContrast contrast = TrafficContrast.of(Map.of("gone", change(20), "cart", change(1)));
    List<RootCauseCandidate> fused = RankFusion.fuse(model("frontend", "cart"), contrast);
    assertEquals(List.of("cart", "frontend", "gone"), fused.stream().map(c -> c.service).toList());
    assertEquals(null, fused.get(2).instance);
  }

  @Test
  void withoutAContrastTheModelsRankingStands() {
    List<RootCauseCandidate> model = model("frontend", "cart");
    assertSame(model, RankFusion.fuse(model, TrafficContrast.of(Map.of())));
  }
}
