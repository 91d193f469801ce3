package dev.runtimeslicer.task;

import java.util.HashMap;
import java.util.Map;

/**
 * One system's recent baselines of its deviations: per service, and for the system embedding, the
 * decaying median of the robust z the heads measured lately. A deviation counts only as far as it
 * rises above its recent median (when that median is above zero): a lasting shift of a service
 * (another day's load, a counter-like gauge that stepped up after a restart) is absorbed, while an
 * incident is a rise above it. Being a median, it does not learn incidents unless they fill half
 * of its recent weight. A Flink POJO, kept in keyed state by the task heads; the tuner replays it.
 */
public class DeviationBaselines {

  /** Key of the system embedding's baseline beside the services'. */
  static final String SYSTEM = "";

  public Map<String, DecayingMedian> medians = new HashMap<>();

  public DeviationBaselines() {}

  /** {@code z} less its baseline's positive median, once the baseline has seen the warm-up. */
  public double corrected(String key, double z, Adaptation adaptation) {
    DecayingMedian median = medians.get(key);
    if (median == null || median.observations < adaptation.warmUpWindows() || Double.isNaN(z)) {
      return z;
    }
    return z - Math.max(0, median.median());
  }

  /** Records the deviation {@code z} (uncorrected) of {@code key} in this window. */
  public void observe(String key, double z, Adaptation adaptation) {
    medians.computeIfAbsent(key, k -> new DecayingMedian()).add(z, adaptation.alpha());
  }

  /** The system embedding's key. */
  public static String system() {
    return SYSTEM;
  }
}
