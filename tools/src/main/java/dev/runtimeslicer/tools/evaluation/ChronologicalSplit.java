package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits slices and labels of each system by time, never shuffled: everything before the cut
 * trains, everything after it is evaluated. A window straddling the cut belongs to neither, so the
 * two parts share no data; a fault belongs to the part its start falls in.
 *
 * @param cuts per system, the cut time (epoch ms)
 */
public record ChronologicalSplit(
    Map<String, Long> cuts,
    List<RuntimeSlice> training,
    List<RuntimeSlice> test,
    List<FaultLabel> trainingFaults,
    List<FaultLabel> testFaults) {

  /** Cuts each system's span of windows at {@code trainFraction} of its length. */
  public static ChronologicalSplit of(
      List<RuntimeSlice> slices, List<FaultLabel> faults, double trainFraction) {
    if (!(trainFraction > 0 && trainFraction < 1)) {
      throw new IllegalArgumentException(
          "--train-fraction must be in (0, 1), was " + trainFraction);
    }
    Map<String, long[]> spans = new HashMap<>();
    for (RuntimeSlice slice : slices) {
      spans.merge(
          slice.system,
          new long[] {slice.windowStartMs, slice.windowEndMs},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    Map<String, Long> cuts = new HashMap<>();
    spans.forEach(
        (system, span) -> cuts.put(system, span[0] + (long) ((span[1] - span[0]) * trainFraction)));
    List<RuntimeSlice> training = new ArrayList<>();
    List<RuntimeSlice> test = new ArrayList<>();
    for (RuntimeSlice slice : slices) {
      long cut = cuts.get(slice.system);
      if (slice.windowEndMs <= cut) {
        training.add(slice);
      } else if (slice.windowStartMs >= cut) {
        test.add(slice);
      }
    }
    List<FaultLabel> trainingFaults = new ArrayList<>();
    List<FaultLabel> testFaults = new ArrayList<>();
    for (FaultLabel fault : faults) {
      Long cut = cuts.get(fault.system());
      if (cut == null) {
        continue;
      }
      (fault.startMs() < cut ? trainingFaults : testFaults).add(fault);
    }
    return new ChronologicalSplit(Map.copyOf(cuts), training, test, trainingFaults, testFaults);
  }

  /** Separate training and test data: nothing to cut. */
  public static ChronologicalSplit given(
      List<RuntimeSlice> training,
      List<FaultLabel> trainingFaults,
      List<RuntimeSlice> test,
      List<FaultLabel> testFaults) {
    return new ChronologicalSplit(Map.of(), training, test, trainingFaults, testFaults);
  }
}
