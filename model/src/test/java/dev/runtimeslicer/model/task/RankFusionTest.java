package dev.runtimeslicer.model.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RankFusionTest {

  private static List<RootCauseCandidate> model(String... services) {
    return java.util.Arrays.stream(services)
        .map(s -> new RootCauseCandidate(s, s + "-0", 1))
        .toList();
  }

  private static TrafficContrast.Change change(double score) {
    return new TrafficContrast.Change(score, 0, 0, 0, 0, 0, 0);
  }

  private static List<String> names(List<RootCauseCandidate> ranked) {
    return ranked.stream().map(c -> c.service).toList();
  }

  @Test
  void theContrastReordersTheModelsSuspectsWhereItDisagreesStrongly() {
    // Model: frontend, cart, db, ads. Contrast: db, cart, ads, frontend.
    // frontend 1/2 + 0.5/5 = 0.6, cart 1/3 + 0.5/3 = 0.5, db 1/4 + 0.5/2 = 0.5, ads 1/5 + 0.5/4 =
    // 0.325.
    TrafficContrast contrast =
        TrafficContrast.of(
            Map.of("db", change(9), "cart", change(5), "ads", change(2), "frontend", change(1)));
    List<RootCauseCandidate> fused =
        RankFusion.fuse(model("frontend", "cart", "db", "ads"), contrast);
    assertEquals(List.of("frontend", "cart", "db", "ads"), names(fused));
    assertEquals(1 / 2.0 + 0.5 / 5, fused.get(0).score, 1e-12);
    assertEquals("frontend-0", fused.get(0).instance);
    // The model's third, first by the contrast, passes its second when the contrast ranks that one
    // low.
    TrafficContrast other =
        TrafficContrast.of(
            Map.of("db", change(9), "frontend", change(5), "ads", change(2), "cart", change(1)));
    assertEquals(
        List.of("frontend", "db", "cart", "ads"),
        names(RankFusion.fuse(model("frontend", "cart", "db", "ads"), other)));
  }

  @Test
  void theModelsFirstFallsOnlyWhenTheContrastPutsItFarDown() {
    TrafficContrast contrast =
        TrafficContrast.of(
            Map.of(
                "cart", change(9), "a", change(8), "b", change(7), "c", change(6), "d", change(5)));
    // frontend 1/2 + 0 (not compared), cart 1/3 + 0.5/2 = 0.583.
    assertEquals(
        List.of("cart", "frontend"),
        names(RankFusion.fuse(model("frontend", "cart"), contrast)).subList(0, 2));
  }

  @Test
  void aServiceOnlyTheContrastKnowsIsRankedWithoutAnInstance() {
    TrafficContrast contrast = TrafficContrast.of(Map.of("gone", change(20), "cart", change(1)));
    List<RootCauseCandidate> fused = RankFusion.fuse(model("frontend", "cart"), contrast);
    assertEquals(List.of("frontend", "cart", "gone"), names(fused));
    assertEquals(null, fused.get(2).instance);
  }

  @Test
  void withoutAContrastTheModelsRankingStands() {
    List<RootCauseCandidate> model = model("frontend", "cart");
    assertSame(model, RankFusion.fuse(model, TrafficContrast.of(Map.of())));
  }
}
