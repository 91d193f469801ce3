package dev.runtimeslicer.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Plans the batches of an epoch: shuffled anchor windows (so batches mix systems and sources), each
 * followed by one random overlapping window of the same system, so that every batch has temporal
 * positives for the overlap-weighted loss.
 */
final class BatchSampler {

  private final List<Window> windows;
  private final int[] firstOverlapping;
  private final int[] lastOverlapping;

  /**
   * {@code windows} must be grouped by system and sorted by time (as {@link TimeSplit} leaves
   * them).
   */
  BatchSampler(List<Window> windows) {
    this.windows = windows;
    int n = windows.size();
    firstOverlapping = new int[n];
    lastOverlapping = new int[n];
    for (int i = 0; i < n; i++) {
      int lo = i;
      while (lo > 0 && windows.get(lo - 1).overlap(windows.get(i)) > 0) {
        lo--;
      }
      int hi = i;
      while (hi + 1 < n && windows.get(hi + 1).overlap(windows.get(i)) > 0) {
        hi++;
      }
      firstOverlapping[i] = lo;
      lastOverlapping[i] = hi;
    }
  }

  /** Sorts windows the way the sampler needs them. */
  static List<Window> grouped(List<Window> windows) {
    List<Window> grouped = new ArrayList<>();
    for (Map.Entry<String, List<Window>> system : TimeSplit.bySystem(windows).entrySet()) {
      grouped.addAll(system.getValue());
    }
    return grouped;
  }

  List<Window> windows() {
    return windows;
  }

  /**
   * Index batches for one epoch of at most {@code anchorsPerEpoch} anchors; each batch holds {@code
   * batchSize / 2} anchors and their neighbors.
   */
  List<int[]> epoch(int batchSize, int anchorsPerEpoch, SplittableRandom random) {
    int n = windows.size();
    int[] order = new int[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int swap = order[i];
      order[i] = order[j];
      order[j] = swap;
    }
    int anchors = Math.min(n, anchorsPerEpoch);
    int perBatch = Math.max(1, batchSize / 2);
    List<int[]> batches = new ArrayList<>();
    for (int start = 0; start < anchors; start += perBatch) {
      int count = Math.min(perBatch, anchors - start);
      int[] batch = new int[2 * count];
      for (int k = 0; k < count; k++) {
        int anchor = order[start + k];
        batch[2 * k] = anchor;
        batch[2 * k + 1] = neighbor(anchor, random);
      }
      batches.add(batch);
    }
    return batches;
  }

  private int neighbor(int anchor, SplittableRandom random) {
    int lo = firstOverlapping[anchor];
    int hi = lastOverlapping[anchor];
    if (lo == hi) {
      return anchor;
    }
    int pick = lo + random.nextInt(hi - lo);
    return pick >= anchor ? pick + 1 : pick;
  }
}
