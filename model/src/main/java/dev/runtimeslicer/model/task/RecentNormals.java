package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.embedding.ServiceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import java.util.HashMap;
import java.util.Map;

/**
 * One system's recent normals: of its system-state embedding and of every service's embedding. A
 * Flink POJO kept in keyed state by the task heads; the tuner replays the same updates over the
 * training windows to calibrate scores.
 */
public class RecentNormals {
  public RecentNormal system = new RecentNormal();
  public Map<String, RecentNormal> services = new HashMap<>();

  /** Consecutive anomalous windows not taken into account. */
  public int anomalousRun;

  public RecentNormals() {}

  /**
   * Takes one window into account, unless it is anomalous: the recent normal must not learn the
   * failures it should reveal. An anomaly lasting longer than the horizon is a new normal (a change
   * of regime), so from then on it is learned too.
   */
  public void observe(SliceEmbedding embedding, Adaptation adaptation, boolean anomalous) {
    if (anomalous && ++anomalousRun <= adaptation.horizonWindows()) {
      return;
    }
    if (!anomalous) {
      anomalousRun = 0;
    }
    double alpha = adaptation.alpha();
    system.update(embedding.embedding(), alpha);
    for (ServiceEmbedding service : embedding.services()) {
      RecentNormal normal = services.computeIfAbsent(service.service(), s -> new RecentNormal());
      normal.update(service.embedding(), alpha);
      normal.missedWindows = -1; // counted up to 0 below
    }
    // A service gone for longer than its normal's memory is forgotten, so the names of services
    // that came and went do not pile up in state: once the weight its last window would carry has
    // faded below 1%.
    int fadedAfter = fadedAfterWindows(alpha);
    services.values().removeIf(normal -> ++normal.missedWindows > fadedAfter);
  }

  /**
   * Windows after which an exponentially weighted average keeps less than 1% of a window's weight.
   */
  static int fadedAfterWindows(double alpha) {
    return alpha >= 1 ? 1 : (int) Math.ceil(Math.log(0.01) / Math.log(1 - alpha));
  }

  /** The service's recent normal once warmed up, else null. */
  public RecentNormal service(String service, Adaptation adaptation) {
    RecentNormal normal = services.get(service);
    return normal != null && normal.updates >= adaptation.warmUpWindows() ? normal : null;
  }

  /** The system's recent normal once warmed up, else null. */
  public RecentNormal system(Adaptation adaptation) {
    return system.updates >= adaptation.warmUpWindows() ? system : null;
  }
}
