package dev.runtimeslicer.tools.evaluation.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.runtimeslicer.tools.evaluation.baseline.AlertHysteresis.Episode;
import org.junit.jupiter.api.Test;

class AlertHysteresisTest {

  @Test
  void firesOnTheNthConsecutiveWindowAboveAndResolvesOnTheMthBelow() {
    boolean[] above = windows("..##.###.#..#...");

    assertThat(new AlertHysteresis(3, 2).episodes(above)).containsExactly(new Episode(5, 7, 11));
  }

  @Test
  void aWindowAboveWhileFiringRestartsTheResolveCount() {
    boolean[] above = windows("##.#.#..##");

    assertThat(new AlertHysteresis(2, 2).episodes(above))
        .containsExactly(new Episode(0, 1, 7), new Episode(8, 9, 9));
  }

  @Test
  void oneAndOneAlertsOnEveryRun() {
    assertThat(new AlertHysteresis(1, 1).episodes(windows(".#.##.")))
        .containsExactly(new Episode(1, 1, 2), new Episode(3, 3, 5));
    assertThat(new AlertHysteresis(1, 1).episodes(windows("...."))).isEmpty();
  }

  @Test
  void rejectsCountsBelowOne() {
    assertThatThrownBy(() -> new AlertHysteresis(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** '#' above the threshold, '.' not. */
  private static boolean[] windows(String pattern) {
    boolean[] above = new boolean[pattern.length()];
    for (int i = 0; i < above.length; i++) {
      above[i] = pattern.charAt(i) == '#';
    }
    return above;
  }
}
