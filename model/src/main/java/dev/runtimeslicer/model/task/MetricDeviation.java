package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.Map;

/**
 * How far any of a service's metric series moved from its normal in one window, as one number for
 * root-cause ranking: log(1 + the largest |robust z|) over the series that have a normal. A
 * resource fault (a saturated CPU, a leaking heap) shows at the failing service's own metrics far
 * more than at the services that wait for it, which the request, error and latency symptoms of
 * callers and callees share. The log keeps one series hundreds of spreads away from hiding the
 * order of the rest, and puts the term on about the scale of the mixed anomaly score (1 at a normal
 * 99th percentile). The anomaly score reads it in units of the service's own normal 99th percentile
 * ({@link SymptomScales}), so a service whose metrics drift or spike in normal times is discounted
 * by its own normal; ranking reads it unscaled, comparing the services of one window.
 */
public final class MetricDeviation {

  /**
   * Weight of the metric deviation beside the mixed score in unsupervised ranking. At 1 the labeled
   * root cause of the most anomalous window of a fault was first more often on all four evaluation
   * sets (docs/evaluation.md, "Metric deviations in detection and root-cause ranking"); 0.5 and 2
   * did about as well there, so the value is not a fine-tuned one.
   */
  public static final double RANKING_WEIGHT = 1.0;

  private MetricDeviation() {}

  /** The deviation of one service against its laid-out normals; 0 when no series has a normal. */
  public static double of(ServiceSlice service, SymptomNormals.OfService normals) {
    return of(service, normals, Double.NaN);
  }

  /**
   * The deviation of one service in a window doing {@code load} times its normal work ({@link
   * WindowLoad}; NaN: unknown): a series that follows load is read per unit of load ({@link
   * LoadAdjustedNormal}), so a traffic surge does not count as its deviation.
   */
  public static double of(ServiceSlice service, SymptomNormals.OfService normals, double load) {
    Map<String, SymptomNormals.MetricNormal> metrics = normals.metrics();
    if (metrics.isEmpty()) {
      return 0;
    }
    boolean loadKnown = Double.isFinite(load) && load > 0;
    double largest = 0;
    for (Map.Entry<String, MetricFeatures> metric : service.metrics.entrySet()) {
      double mean = metric.getValue().mean;
      SymptomNormals.MetricNormal normal =
          Double.isFinite(mean) ? metrics.get(metric.getKey()) : null;
      if (normal != null) {
        double z =
            loadKnown && normal.loadAdjusted() != null
                ? normal.loadAdjusted().z(mean, load)
                : normal.scale().z(mean);
        largest = Math.max(largest, Math.abs(z));
      }
    }
    return Math.log1p(largest);
  }
}
