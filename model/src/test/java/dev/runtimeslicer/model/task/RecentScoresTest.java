package dev.runtimeslicer.model.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentScoresTest {

  private static final long SPAN = 60_000;
  private static final long SLIDE = 10_000;

  @Test
  void aServiceDeviatingInOneWindowIsAveragedDownWhileAPersistentOneStays() {
    RecentScores recent = new RecentScores();
    double last = Double.NaN;
    for (int i = 0; i < 6; i++) {
      // "cart" deviates every window; "web" spikes once, in the last window.
      Map<String, Double> scores = Map.of("cart", 1.2, "web", i == 5 ? 3.0 : 0.0);
      last = recent.smoothedRaw(i * SLIDE + SPAN, 0.1, scores, SPAN, true);
    }
    // web's mean is 3/6 = 0.5: cart's persistent 1.2 is the window's score, not web's spike.
    assertThat(last).isCloseTo(1.2, within(1e-12));
    assertThat(DetectionMix.largest(0.1, Map.of("cart", 1.2, "web", 3.0))).isEqualTo(3.0);
  }

  @Test
  void onlyWindowsEndingWithinTheSpanCount() {
    RecentScores recent = new RecentScores();
    recent.smoothedRaw(0, Double.NaN, Map.of("cart", 10.0), SPAN, true);
    recent.smoothedRaw(SLIDE, Double.NaN, Map.of("cart", 2.0), SPAN, true);
    // The window ending at 0 is exactly one span before 60 s: out; (2 + 4) / 2.
    assertThat(recent.smoothedRaw(SPAN, Double.NaN, Map.of("cart", 4.0), SPAN, true))
        .isCloseTo(3.0, within(1e-12));
    assertThat(recent.windowEnds).containsExactly(SLIDE, SPAN);
  }

  @Test
  void aServiceIsAveragedOverTheWindowsThatScoredItAndTheSystemTermToo() {
    RecentScores recent = new RecentScores();
    recent.smoothedRaw(SLIDE, 0.5, Map.of("cart", 1.0), SPAN, true);
    recent.smoothedRaw(2 * SLIDE, Double.NaN, Map.of("cart", Double.NaN, "db", 0.2), SPAN, true);
    // cart: 1.0 (its NaN skipped), db: 0.2, system: 0.5 (its NaN skipped).
    assertThat(recent.smoothedRaw(3 * SLIDE, Double.NaN, Map.of("db", 0.2), SPAN, true))
        .isCloseTo(1.0, within(1e-12));
    assertThat(new RecentScores().smoothedRaw(SLIDE, Double.NaN, Map.of(), SPAN, true)).isNaN();
  }

  @Test
  void aWindowNotKeptIsScoredButNotRemembered() {
    RecentScores recent = new RecentScores();
    recent.smoothedRaw(SLIDE, Double.NaN, Map.of("cart", 1.0), SPAN, true);
    assertThat(recent.smoothedRaw(2 * SLIDE, Double.NaN, Map.of("cart", 5.0), SPAN, false))
        .isCloseTo(3.0, within(1e-12));
    assertThat(recent.smoothedRaw(3 * SLIDE, Double.NaN, Map.of("cart", 1.0), SPAN, true))
        .isCloseTo(1.0, within(1e-12));
  }

  @Test
  void windowsEndingAfterTheCurrentOneAreDroppedAsAReplayStartingOver() {
    RecentScores recent = new RecentScores();
    recent.smoothedRaw(5 * SLIDE, Double.NaN, Map.of("cart", 9.0), SPAN, true);
    assertThat(recent.smoothedRaw(SLIDE, Double.NaN, Map.of("cart", 1.0), SPAN, true))
        .isCloseTo(1.0, within(1e-12));
    assertThat(recent.windowEnds).containsExactly(SLIDE);
  }

  @Test
  void noSpanIsTheWindowsOwnLargestScoreAndKeepsNothing() {
    RecentScores recent = new RecentScores();
    assertThat(recent.smoothedRaw(SLIDE, 0.4, Map.of("cart", 0.3, "web", Double.NaN), 0, true))
        .isEqualTo(0.4);
    assertThat(recent.windowEnds).isEmpty();
  }

  @Test
  void theGlobalTrackIsAveragedApartOverTheWindowsThatScoredIt() {
    RecentScores recent = new RecentScores();
    // The first window's state had no profile of its own: no global track.
    recent.smoothedRaw(SLIDE, Double.NaN, Map.of("cart", 1.0), SPAN, true);
    double[] raws =
        recent.smoothedRaws(
            2 * SLIDE, Double.NaN, Map.of("cart", 3.0), 0.2, Map.of("cart", 5.0), SPAN, true);
    // State track: (1 + 3) / 2; global track: the second window alone.
    assertThat(raws[0]).isCloseTo(2.0, within(1e-12));
    assertThat(raws[1]).isCloseTo(5.0, within(1e-12));
    raws =
        recent.smoothedRaws(
            3 * SLIDE,
            Double.NaN,
            Map.of("cart", 2.0),
            Double.NaN,
            Map.of("cart", 7.0),
            SPAN,
            true);
    assertThat(raws[0]).isCloseTo(2.0, within(1e-12));
    assertThat(raws[1]).isCloseTo(6.0, within(1e-12));
    assertThat(recent.globalSystemScores).hasSameSizeAs(recent.windowEnds);
    // The first window scored no global track: nothing was allocated for it.
    assertThat(recent.globalServiceScores.get(0)).isNull();
  }

  @Test
  void scoresKeptBeforeTheGlobalTrackExistedArePaddedAndExpireInStep() {
    RecentScores recent = new RecentScores();
    recent.windowEnds.add(SLIDE);
    recent.systemScores.add(Double.NaN);
    recent.serviceScores.add(new java.util.HashMap<>(Map.of("cart", 4.0)));
    recent.globalSystemScores = new java.util.ArrayList<>();
    recent.globalServiceScores = new java.util.ArrayList<>();
    // 80 s: the window ending at 10 s is out of the span, with its padded global entry.
    double[] raws =
        recent.smoothedRaws(
            8 * SLIDE,
            Double.NaN,
            Map.of("cart", 1.0),
            Double.NaN,
            Map.of("cart", 2.0),
            SPAN,
            true);
    assertThat(raws).containsExactly(1.0, 2.0);
    assertThat(recent.windowEnds).containsExactly(8 * SLIDE);
    assertThat(recent.globalServiceScores).containsExactly(Map.of("cart", 2.0));
  }
}
