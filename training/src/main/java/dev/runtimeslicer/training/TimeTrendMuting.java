package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.FeatureNormalization;
import dev.runtimeslicer.model.embedding.FeatureScaling;
import dev.runtimeslicer.model.embedding.Modality;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds token features that follow the clock instead of the system's state and mutes them in the
 * learned normalization. Slices keep cumulative sums as they are (network bytes, histogram counts
 * since a pod started), so their levels grow all day: a contrastive encoder learns them as a clock
 * that tells windows apart, and every later window then looks unlike all training windows. A
 * feature is muted when, for the typical service, it moved the same way in at least {@value
 * #MONOTONE_SHARE} of comparisons {@value #STRIDE} windows apart; gauges that follow the daily load
 * go up about as often as down. Their within-window spread (the counter's increase) is a different
 * feature and stays.
 */
final class TimeTrendMuting {

  /** Share of same-direction moves above which a feature counts as a clock. */
  static final double MONOTONE_SHARE = 0.9;

  /** Windows between compared values (5 minutes at a 10 s slide): past short-term noise. */
  static final int STRIDE = 30;

  /** Fewer non-tied comparisons than this say nothing about a service's feature. */
  private static final int MIN_COMPARISONS = 20;

  /** Scale of a muted feature: its normalized value is 0 to float precision. */
  static final float MUTED_STD = 1e12f;

  private TimeTrendMuting() {}

  /**
   * {@code fitted} with the clock-like features of {@code rawWindows} (unscaled, any order) muted.
   */
  static FeatureNormalization mute(List<Window> rawWindows, FeatureNormalization fitted) {
    Map<Modality, boolean[]> clocks = find(rawWindows);
    Map<Modality, FeatureScaling> scalings = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      FeatureScaling scaling = fitted.of(modality);
      float[] std = scaling.std();
      boolean[] clock = clocks.get(modality);
      for (int f = 0; f < std.length; f++) {
        if (clock != null && clock[f]) {
          std[f] = MUTED_STD;
        }
      }
      scalings.put(modality, new FeatureScaling(scaling.mean(), std));
    }
    return new FeatureNormalization(scalings);
  }

  /** Per modality, which features are clock-like; null for a modality never present. */
  static Map<Modality, boolean[]> find(List<Window> rawWindows) {
    // Per modality, per system and service: last sampled token, and up/down counts per feature.
    Map<Modality, Map<String, float[]>> last = new EnumMap<>(Modality.class);
    Map<Modality, Map<String, int[][]>> moves = new EnumMap<>(Modality.class);
    Map<Modality, Integer> widths = new EnumMap<>(Modality.class);
    for (List<Window> system : TimeSplit.bySystem(rawWindows).values()) {
      for (int i = 0; i < system.size(); i += STRIDE) {
        Window window = system.get(i);
        FeatureBatch batch = window.features();
        List<String> names = batch.serviceNames(0);
        for (Modality modality : Modality.values()) {
          int width = batch.width(modality);
          widths.put(modality, width);
          Map<String, float[]> previous = last.computeIfAbsent(modality, m -> new HashMap<>());
          Map<String, int[][]> counts = moves.computeIfAbsent(modality, m -> new HashMap<>());
          for (int slot = 0; slot < names.size(); slot++) {
            if (batch.mask(modality)[slot] == 0f) {
              continue;
            }
            String key = window.system() + "\u0000" + names.get(slot);
            float[] token =
                Arrays.copyOfRange(batch.tokens(modality), slot * width, (slot + 1) * width);
            float[] before = previous.put(key, token);
            if (before == null) {
              continue;
            }
            int[][] upDown = counts.computeIfAbsent(key, k -> new int[2][width]);
            for (int f = 0; f < width; f++) {
              if (token[f] > before[f]) {
                upDown[0][f]++;
              } else if (token[f] < before[f]) {
                upDown[1][f]++;
              }
            }
          }
        }
      }
    }
    Map<Modality, boolean[]> clocks = new EnumMap<>(Modality.class);
    for (Map.Entry<Modality, Map<String, int[][]>> entry : moves.entrySet()) {
      int width = widths.get(entry.getKey());
      boolean[] clock = new boolean[width];
      for (int f = 0; f < width; f++) {
        List<Double> shares = new ArrayList<>();
        for (int[][] upDown : entry.getValue().values()) {
          int total = upDown[0][f] + upDown[1][f];
          if (total >= MIN_COMPARISONS) {
            // Signed hashing can turn a growing counter into a falling feature: both are clocks.
            shares.add((double) Math.max(upDown[0][f], upDown[1][f]) / total);
          }
        }
        if (!shares.isEmpty()) {
          shares.sort(null);
          clock[f] = shares.get(shares.size() / 2) >= MONOTONE_SHARE;
        }
      }
      clocks.put(entry.getKey(), clock);
    }
    return clocks;
  }
}
