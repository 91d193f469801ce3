package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * Which of the training part's labels tuning may read, so an evaluation can measure what labels are
 * worth and how the method does on failures it never saw: every label, a seeded share of them (the
 * rest are simply unknown, their windows taken as normal), none, or all but the held-out fault
 * types, whose training windows are then neither normal nor labeled examples (they are the test
 * part's unseen failures).
 *
 * @param holdoutTypes fault types held out of training; scored as unseen types on the test part
 * @param fraction share of the remaining labels kept, in (0, 1]
 * @param none no labels at all: tuning reads telemetry alone
 * @param seed which labels a fraction keeps
 */
public record TrainingLabels(Set<String> holdoutTypes, double fraction, boolean none, long seed) {

  public TrainingLabels {
    holdoutTypes = Set.copyOf(holdoutTypes);
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException(
          "--label-fraction must be in (0, 1], was "
              + fraction
              + "; use --no-labels to tune on telemetry alone");
    }
  }

  /** Every label. */
  public static TrainingLabels all() {
    return new TrainingLabels(Set.of(), 1, false, 0);
  }

  /**
   * What tuning reads of {@code trainingFaults}.
   *
   * @param labeled the labels tuning may use
   * @param excluded faults whose windows tuning must leave out (held-out types)
   */
  public record Applied(List<FaultLabel> labeled, List<FaultLabel> excluded) {}

  /** Applies the choice to the training part's faults. */
  public Applied apply(List<FaultLabel> trainingFaults) {
    List<FaultLabel> excluded = new ArrayList<>();
    List<FaultLabel> kept = new ArrayList<>();
    for (FaultLabel fault : trainingFaults) {
      (holdoutTypes.contains(fault.type()) ? excluded : kept).add(fault);
    }
    if (none) {
      // Without labels nothing is known of the held-out types either: their windows are telemetry
      // like any other.
      return new Applied(List.of(), List.of());
    }
    if (fraction < 1) {
      // A seeded hash of each fault's id picks the share, whatever order the labels came in.
      List<FaultLabel> ordered = new ArrayList<>(kept);
      ordered.sort(
          Comparator.comparingLong((FaultLabel f) -> mix(seed, f.id()))
              .thenComparing(FaultLabel::id));
      int keep = (int) Math.round(fraction * ordered.size());
      kept = new ArrayList<>(ordered.subList(0, keep));
      kept.sort(Comparator.comparingLong(FaultLabel::startMs).thenComparing(FaultLabel::id));
    }
    return new Applied(List.copyOf(kept), List.copyOf(excluded));
  }

  /** Test faults of the held-out types: the unseen failures. */
  public List<FaultLabel> unseen(List<FaultLabel> testFaults) {
    return testFaults.stream().filter(f -> holdoutTypes.contains(f.type())).toList();
  }

  /** Test faults of the types training could see. */
  public List<FaultLabel> seen(List<FaultLabel> testFaults) {
    return testFaults.stream().filter(f -> !holdoutTypes.contains(f.type())).toList();
  }

  private static long mix(long seed, String id) {
    long h = seed * 0x9E3779B97F4A7C15L + id.hashCode();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h;
  }

  /** For the report and metrics.json. */
  public String describe() {
    if (none) {
      return "no labels";
    }
    String share = fraction < 1 ? Math.round(100 * fraction) + "% of the labels" : "all labels";
    return holdoutTypes.isEmpty()
        ? share
        : share + " but types " + new java.util.TreeSet<>(holdoutTypes) + " held out";
  }
}
