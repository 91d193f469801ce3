package dev.runtimeslicer.model.source;

import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import java.util.List;

/**
 * Quantile estimates from OTLP histogram buckets, by linear interpolation inside the bucket that
 * holds the quantile's rank. Written here because no library reads OTLP bucket layouts.
 */
final class HistogramQuantiles {

  private HistogramQuantiles() {}

  /** Estimated quantile of an explicit-bucket histogram; NaN when it has no counts. */
  static double explicitBuckets(HistogramDataPoint point, double quantile) {
    List<Long> counts = point.getBucketCountsList();
    List<Double> bounds = point.getExplicitBoundsList();
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    if (total == 0 || counts.size() != bounds.size() + 1) {
      return Double.NaN;
    }
    double rank = quantile * total;
    long seen = 0;
    for (int i = 0; i < counts.size(); i++) {
      long count = counts.get(i);
      if (count > 0 && seen + count >= rank) {
        double lower =
            i == 0
                ? (point.hasMin()
                    ? point.getMin()
                    : Math.min(0.0, bounds.isEmpty() ? 0.0 : bounds.get(0)))
                : bounds.get(i - 1);
        double upper =
            i == bounds.size()
                ? (point.hasMax() ? point.getMax() : bounds.isEmpty() ? lower : bounds.get(i - 1))
                : bounds.get(i);
        double fraction = (rank - seen) / count;
        return lower + (upper - lower) * Math.max(0.0, Math.min(1.0, fraction));
      }
      seen += count;
    }
    return bounds.isEmpty() ? Double.NaN : bounds.get(bounds.size() - 1);
  }

  /** Estimated quantile over the zero and positive buckets of an exponential histogram. */
  static double exponentialBuckets(ExponentialHistogramDataPoint point, double quantile) {
    List<Long> counts = point.getPositive().getBucketCountsList();
    long total = point.getZeroCount();
    for (long count : counts) {
      total += count;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double rank = quantile * total;
    if (point.getZeroCount() >= rank) {
      return 0.0;
    }
    double base = Math.pow(2.0, Math.pow(2.0, -point.getScale()));
    long seen = point.getZeroCount();
    int offset = point.getPositive().getOffset();
    for (int i = 0; i < counts.size(); i++) {
      long count = counts.get(i);
      if (count > 0 && seen + count >= rank) {
        double lower = Math.pow(base, offset + i);
        double upper = lower * base;
        double fraction = (rank - seen) / count;
        return lower + (upper - lower) * Math.max(0.0, Math.min(1.0, fraction));
      }
      seen += count;
    }
    return Math.pow(base, offset + counts.size());
  }
}
