package dev.runtimeslicer.model.embedding;

import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.Map;

/**
 * A service's metric token: name-independent summaries, then per series name (hashed or embedded,
 * {@link NameEncoding}) its level and its spread within the window.
 */
final class MetricTokenizer {

  /** Series count, points per series, relative range, relative drift, instances, constant share. */
  static final int SUMMARY_FEATURES = 6;

  /** Level (signed log of the mean) and spread (log of max - min) per hashed series. */
  static final int CHANNELS = 2;

  /** Relative changes above this are saturated: a series going from ~0 to anything is "large". */
  private static final double MAX_RELATIVE_CHANGE = 10.0;

  private static final double TINY = 1e-9;

  private MetricTokenizer() {}

  static boolean present(ServiceSlice service) {
    return !service.metrics.isEmpty();
  }

  static void write(
      ServiceSlice service, FeatureSchema schema, FeatureNames names, float[] out, int offset) {
    int buckets = schema.metricBuckets();
    int hashed = offset + SUMMARY_FEATURES;
    double points = 0;
    double relativeRange = 0;
    double relativeDrift = 0;
    int constant = 0;
    for (Map.Entry<String, MetricFeatures> entry : service.metrics.entrySet()) {
      MetricFeatures m = entry.getValue();
      double mean = ScaledValues.finite(m.mean);
      double range = ScaledValues.finite(Math.abs(m.max - m.min));
      // One division per series: both relative changes are per unit of the level.
      double perLevel = 1.0 / (Math.abs(mean) + TINY);
      points += m.count;
      relativeRange += Math.min(range * perLevel, MAX_RELATIVE_CHANGE);
      relativeDrift +=
          Math.min(ScaledValues.finite(Math.abs(m.last - mean)) * perLevel, MAX_RELATIVE_CHANGE);
      if (range == 0) {
        constant++;
      }
      float level = ScaledValues.signedLog1p(mean);
      float spread = ScaledValues.log1p(range);
      float[] direction = names.direction(entry.getKey(), buckets);
      if (direction != null) {
        FeatureNames.along(direction, level, out, hashed);
        FeatureNames.along(direction, spread, out, hashed + buckets);
        continue;
      }
      long hash = names.hash(entry.getKey());
      int bucket = FeatureHashing.bucket(hash, buckets);
      float sign = FeatureHashing.sign(hash);
      out[hashed + bucket] += sign * level;
      out[hashed + buckets + bucket] += sign * spread;
    }
    int series = service.metrics.size();
    out[offset] = ScaledValues.log1p(series);
    out[offset + 1] = ScaledValues.log1p(points / series);
    out[offset + 2] = ScaledValues.log1p(relativeRange / series);
    out[offset + 3] = ScaledValues.log1p(relativeDrift / series);
    out[offset + 4] = ScaledValues.log1p(service.instances.size());
    out[offset + 5] = (float) constant / series;
  }
}
