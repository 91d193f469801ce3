package dev.runtimeslicer.tools.evaluation.report;

import dev.runtimeslicer.training.scoring.WindowScore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The vertical scale of one method's score panel. A score in [0, 1] (a calibrated anomaly score)
 * sits near 1 for most windows, faults or not, so it is drawn in nines, -log10(1 - score): 0.9 is
 * one nine, 0.999 three, and how close a window came to a threshold of 0.9995 shows. Other scores
 * (a baseline's raw scale) are drawn linearly from 0.
 *
 * @param nines whether scores are drawn in nines
 * @param ceiling the plotted value at the panel's top
 */
record ScoreScale(boolean nines, double ceiling) {

  /** Most nines drawn: scores closer to 1 than this draw at the top. */
  static final double MAX_NINES = 7;

  /** A labeled value on the axis. */
  record Tick(double plotted, String label) {}

  /** The scale that fits {@code track}'s scores and threshold. */
  static ScoreScale of(ScoreTrack track) {
    boolean probabilities = !Double.isFinite(track.threshold()) || inUnitRange(track.threshold());
    double max = Double.isFinite(track.threshold()) ? Math.max(0, track.threshold()) : 0;
    for (WindowScore score : track.scores()) {
      if (Double.isFinite(score.score())) {
        probabilities &= inUnitRange(score.score());
        max = Math.max(max, score.score());
      }
    }
    if (!probabilities) {
      // other scales get a little headroom
      return new ScoreScale(false, Math.max(1, max) * 1.05);
    }
    return new ScoreScale(true, Math.max(1, Math.ceil(toNines(max))));
  }

  private static boolean inUnitRange(double value) {
    return value >= 0 && value <= 1;
  }

  private static double toNines(double score) {
    return Math.min(MAX_NINES, -Math.log10(Math.max(1 - score, Math.pow(10, -MAX_NINES))));
  }

  /** Where {@code score} is drawn, on [0, ceiling]. */
  double plotted(double score) {
    return nines ? toNines(score) : score;
  }

  /** The labeled values: 0 and the top, and in nines each whole nine between. */
  List<Tick> ticks() {
    List<Tick> ticks = new ArrayList<>();
    ticks.add(new Tick(0, "0"));
    if (!nines) {
      ticks.add(new Tick(ceiling, HtmlText.number(ceiling, ceiling == 1 ? 0 : 2)));
      return ticks;
    }
    for (int n = 1; n <= ceiling; n++) {
      ticks.add(new Tick(n, String.format(Locale.ROOT, "%." + n + "f", 1 - Math.pow(10, -n))));
    }
    return ticks;
  }
}
