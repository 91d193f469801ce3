package dev.runtimeslicer.model.task;

/**
 * A named, human-readable feature of one service in one window, e.g. traces / "latency p99 (ms)".
 */
public record PlainFeature(String modality, String name, double value) {

  /** The key under which its normal is kept: modality and name. */
  public String key() {
    return modality + ":" + name;
  }
}
