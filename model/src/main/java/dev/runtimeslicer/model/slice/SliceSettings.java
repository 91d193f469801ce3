package dev.runtimeslicer.model.slice;

import java.io.Serializable;

/**
 * Window geometry and cardinality bounds of runtime slices.
 *
 * @param windowSizeMs window length W
 * @param slideMs slide S, also the pane length; W must be a multiple of S
 * @param maxServicesPerSystem services beyond this many in a pane are counted as overflow
 * @param maxMetricNamesPerService metric series beyond this many per service are overflow
 * @param maxTemplatesPerService log templates learned per service before new ones overflow
 * @param maxOperationsPerService operations tracked per service before overflow
 * @param maxCalleesPerService callee services tracked per service before overflow
 * @param maxInstancesPerService instance names kept per service before overflow
 * @param maxLinkedSpansPerPane span ids kept per pane to find callees through parent links
 * @param maxExemplarsPerService trace ids of failing or slow requests kept per service
 * @param maxRecordIdsPerPane record ids kept per pane to skip records delivered twice
 */
public record SliceSettings(
    long windowSizeMs,
    long slideMs,
    int maxServicesPerSystem,
    int maxMetricNamesPerService,
    int maxTemplatesPerService,
    int maxOperationsPerService,
    int maxCalleesPerService,
    int maxInstancesPerService,
    int maxLinkedSpansPerPane,
    int maxExemplarsPerService,
    int maxRecordIdsPerPane)
    implements Serializable {

  public SliceSettings {
    if (slideMs <= 0 || windowSizeMs <= 0 || windowSizeMs % slideMs != 0) {
      throw new IllegalArgumentException(
          "window size "
              + windowSizeMs
              + " ms must be a positive multiple of the slide "
              + slideMs
              + " ms (for example 60s and 10s)");
    }
  }

  /** Defaults: 60 s windows sliding by 10 s, bounds generous enough for a few hundred services. */
  public static SliceSettings defaults() {
    return new SliceSettings(60_000, 10_000, 512, 256, 256, 128, 64, 64, 50_000, 5, 200_000);
  }

  /** Number of panes in one window. */
  public int panesPerWindow() {
    return (int) (windowSizeMs / slideMs);
  }

  /** Start of the pane holding {@code timestampMs}. */
  public long paneStart(long timestampMs) {
    return Math.floorDiv(timestampMs, slideMs) * slideMs;
  }
}
