package dev.runtimeslicer.model.embedding;

/**
 * Shape of the featurization: bucket counts per name kind, how names are placed in them, the bound
 * on services per slice, and how normalized values are bounded. Stored in a model bundle; a
 * bundle's encoder only accepts tokens built with its own schema.
 *
 * @param metricBuckets buckets for metric series names
 * @param operationBuckets buckets for span operation names
 * @param calleeBuckets buckets for callee service names
 * @param templateBuckets buckets for log template texts
 * @param severityBuckets buckets for log severity names
 * @param maxServices services kept per slice (in name order); the rest are counted as truncated
 * @param scaleFloor smallest standard deviation used to scale a feature, so that features that
 *     never varied in training do not explode on new data
 * @param clip bound on the absolute value of a normalized feature
 * @param names how names are placed in their buckets and how a service's code is made; bundles
 *     written before names had meaning have none and hash them
 */
public record FeatureSchema(
    int metricBuckets,
    int operationBuckets,
    int calleeBuckets,
    int templateBuckets,
    int severityBuckets,
    int maxServices,
    double scaleFloor,
    double clip,
    NameEncoding names) {

  public static final int DEFAULT_MAX_SERVICES = 64;

  public FeatureSchema {
    if (names == null) {
      names = NameEncoding.HASHED;
    }
    requirePositive(metricBuckets, "metricBuckets");
    requirePositive(operationBuckets, "operationBuckets");
    requirePositive(calleeBuckets, "calleeBuckets");
    requirePositive(templateBuckets, "templateBuckets");
    requirePositive(severityBuckets, "severityBuckets");
    requirePositive(maxServices, "maxServices");
    if (!(scaleFloor > 0) || !(clip > 0)) {
      throw new IllegalArgumentException("scaleFloor and clip must be positive");
    }
  }

  /** The schema used unless training is told otherwise. */
  public static FeatureSchema defaults() {
    return new FeatureSchema(
        32, 16, 8, 32, 16, DEFAULT_MAX_SERVICES, 0.5, 6.0, NameEncoding.HASHED);
  }

  /** This schema with names placed by {@code encoding}. */
  public FeatureSchema withNames(NameEncoding encoding) {
    return new FeatureSchema(
        metricBuckets,
        operationBuckets,
        calleeBuckets,
        templateBuckets,
        severityBuckets,
        maxServices,
        scaleFloor,
        clip,
        encoding);
  }

  /** Width of a service's token of {@code modality}. */
  public int width(Modality modality) {
    return observedWidth(modality) + ServiceIdentity.FEATURES;
  }

  /**
   * Width of the part of a token that the modality's tokenizer writes; the service's code follows.
   */
  int observedWidth(Modality modality) {
    return switch (modality) {
      case METRICS -> MetricTokenizer.SUMMARY_FEATURES + MetricTokenizer.CHANNELS * metricBuckets;
      case TRACES ->
          TraceTokenizer.SUMMARY_FEATURES
              + TraceTokenizer.OPERATION_CHANNELS * operationBuckets
              + TraceTokenizer.CALLEE_CHANNELS * calleeBuckets;
      case LOGS -> LogTokenizer.SUMMARY_FEATURES + templateBuckets + severityBuckets;
    };
  }

  private static void requirePositive(int value, String name) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
