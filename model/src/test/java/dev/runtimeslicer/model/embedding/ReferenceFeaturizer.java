package dev.runtimeslicer.model.embedding;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.LogSeverity;
import dev.runtimeslicer.model.slice.MetricFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The featurization as it was before it was tuned for speed (December 2026), kept verbatim in
 * straightforward form and independent of the production classes, so that tests can show the fast
 * {@link SliceFeaturizer} still gives the tokens that trained bundles expect.
 */
final class ReferenceFeaturizer {

  /** Tokens and masks per modality (in {@link Modality} order), as in {@link FeatureBatch}. */
  record Result(
      int size,
      int services,
      float[][] tokens,
      float[][] masks,
      List<List<String>> names,
      int[] truncated) {}

  private static final Comparator<ServiceSlice> BY_NAME =
      Comparator.comparing(s -> s.service == null ? "" : s.service);
  private static final int METRIC_SUMMARY = 6;
  private static final int TRACE_SUMMARY = 12;
  private static final int LOG_SUMMARY = 6;
  private static final int CODE = 16;

  private final FeatureSchema schema;
  private final FeatureNormalization normalization;

  ReferenceFeaturizer(FeatureSchema schema, FeatureNormalization normalization) {
    this.schema = schema;
    this.normalization = normalization;
  }

  Result featurize(List<RuntimeSlice> slices, boolean scaled) {
    int size = slices.size();
    List<List<ServiceSlice>> kept = new ArrayList<>();
    int[] truncated = new int[size];
    int services = 1;
    for (int i = 0; i < size; i++) {
      List<ServiceSlice> all = new ArrayList<>(slices.get(i).services);
      all.sort(BY_NAME);
      int keep = Math.min(all.size(), schema.maxServices());
      truncated[i] = all.size() - keep;
      kept.add(all.subList(0, keep));
      services = Math.max(services, keep);
    }
    Modality[] modalities = Modality.values();
    float[][] tokens = new float[modalities.length][];
    float[][] masks = new float[modalities.length][];
    for (Modality m : modalities) {
      tokens[m.ordinal()] = new float[size * services * width(m)];
      masks[m.ordinal()] = new float[size * services];
    }
    List<List<String>> names = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      RuntimeSlice slice = slices.get(i);
      double windowSeconds = Math.max(1.0, (slice.windowEndMs - slice.windowStartMs) / 1000.0);
      List<String> rowNames = new ArrayList<>();
      for (int s = 0; s < kept.get(i).size(); s++) {
        ServiceSlice service = kept.get(i).get(s);
        rowNames.add(service.service);
        int slot = i * services + s;
        for (Modality m : modalities) {
          float[] out = tokens[m.ordinal()];
          int offset = slot * width(m);
          boolean present =
              switch (m) {
                case METRICS ->
                    service.metrics != null
                        && !service.metrics.isEmpty()
                        && metrics(service, out, offset);
                case TRACES ->
                    tracesPresent(service) && traces(service, windowSeconds, out, offset);
                case LOGS ->
                    service.logs != null
                        && service.logs.total > 0
                        && logs(service, windowSeconds, out, offset);
              };
          if (!present) {
            continue;
          }
          code(service.service, out, offset + width(m) - CODE);
          masks[m.ordinal()][slot] = 1f;
          if (scaled) {
            scale(normalization.of(m), out, offset);
          }
        }
      }
      names.add(rowNames);
    }
    return new Result(size, services, tokens, masks, names, truncated);
  }

  private int width(Modality m) {
    return switch (m) {
      case METRICS -> METRIC_SUMMARY + 2 * schema.metricBuckets() + CODE;
      case TRACES ->
          TRACE_SUMMARY + 4 * schema.operationBuckets() + 2 * schema.calleeBuckets() + CODE;
      case LOGS -> LOG_SUMMARY + schema.templateBuckets() + schema.severityBuckets() + CODE;
    };
  }

  private void scale(FeatureScaling scaling, float[] values, int offset) {
    float[] mean = scaling.mean();
    float[] std = scaling.std();
    float bound = (float) schema.clip();
    for (int i = 0; i < mean.length; i++) {
      float scaled = (values[offset + i] - mean[i]) / (float) Math.max(std[i], schema.scaleFloor());
      values[offset + i] = Math.max(-bound, Math.min(bound, scaled));
    }
  }

  private boolean metrics(ServiceSlice service, float[] out, int offset) {
    int buckets = schema.metricBuckets();
    int hashed = offset + METRIC_SUMMARY;
    double points = 0;
    double relativeRange = 0;
    double relativeDrift = 0;
    int constant = 0;
    for (Map.Entry<String, MetricFeatures> entry : service.metrics.entrySet()) {
      MetricFeatures m = entry.getValue();
      double mean = finite(m.mean);
      double range = finite(Math.abs(m.max - m.min));
      double level = Math.abs(mean) + 1e-9;
      points += m.count;
      relativeRange += Math.min(range / level, 10.0);
      relativeDrift += Math.min(finite(Math.abs(m.last - mean)) / level, 10.0);
      if (range == 0) {
        constant++;
      }
      long hash = hash(entry.getKey());
      int bucket = bucket(hash, buckets);
      float sign = sign(hash);
      out[hashed + bucket] += sign * signedLog1p(mean);
      out[hashed + buckets + bucket] += sign * log1p(range);
    }
    int series = service.metrics.size();
    out[offset] = log1p(series);
    out[offset + 1] = log1p(points / series);
    out[offset + 2] = log1p(relativeRange / series);
    out[offset + 3] = log1p(relativeDrift / series);
    out[offset + 4] = log1p(service.instances.size());
    out[offset + 5] = (float) constant / series;
    return true;
  }

  private static boolean tracesPresent(ServiceSlice service) {
    TraceFeatures t = service.traces;
    return t != null
        && (t.spans > 0 || t.requests > 0 || !t.operations.isEmpty() || !t.callees.isEmpty());
  }

  private boolean traces(ServiceSlice service, double windowSeconds, float[] out, int offset) {
    TraceFeatures t = service.traces;
    int operationBuckets = schema.operationBuckets();
    int calleeBuckets = schema.calleeBuckets();
    int operations = offset + TRACE_SUMMARY;
    int callees = operations + 4 * operationBuckets;
    float worstOperationErrors = 0;
    double worstOperationMaxMs = 0;
    for (Map.Entry<String, OperationFeatures> entry : t.operations.entrySet()) {
      OperationFeatures op = entry.getValue();
      float errorRatio = ratio(op.errors, op.count);
      worstOperationErrors = Math.max(worstOperationErrors, errorRatio);
      worstOperationMaxMs = Math.max(worstOperationMaxMs, op.maxMs);
      long hash = hash(entry.getKey());
      int bucket = bucket(hash, operationBuckets);
      float sign = sign(hash);
      out[operations + bucket] += sign * log1p(op.count / windowSeconds);
      out[operations + operationBuckets + bucket] += sign * errorRatio;
      out[operations + 2 * operationBuckets + bucket] += sign * log1p(op.meanMs);
      out[operations + 3 * operationBuckets + bucket] += sign * log1p(op.maxMs);
    }
    long calls = 0;
    long callErrors = 0;
    for (Map.Entry<String, CallFeatures> entry : t.callees.entrySet()) {
      CallFeatures call = entry.getValue();
      calls += call.calls;
      callErrors += call.errors;
      long hash = hash(entry.getKey());
      int bucket = bucket(hash, calleeBuckets);
      float sign = sign(hash);
      out[callees + bucket] += sign * log1p(call.calls / windowSeconds);
      out[callees + calleeBuckets + bucket] += sign * ratio(call.errors, call.calls);
    }
    out[offset] = log1p(t.requests / windowSeconds);
    out[offset + 1] = log1p(t.spans / windowSeconds);
    out[offset + 2] = ratio(t.errors, t.requests);
    out[offset + 3] = log1p(t.latencyP50Ms);
    out[offset + 4] = log1p(t.latencyP90Ms);
    out[offset + 5] = log1p(t.latencyP99Ms);
    out[offset + 6] = worstOperationErrors;
    out[offset + 7] = log1p(worstOperationMaxMs);
    out[offset + 8] = log1p(calls / windowSeconds);
    out[offset + 9] = ratio(callErrors, calls);
    out[offset + 10] = log1p(t.operations.size());
    out[offset + 11] = log1p(t.callees.size());
    return true;
  }

  private boolean logs(ServiceSlice service, double windowSeconds, float[] out, int offset) {
    LogFeatures logs = service.logs;
    int templateBuckets = schema.templateBuckets();
    int templates = offset + LOG_SUMMARY;
    int severities = templates + templateBuckets;
    long topTemplate = 0;
    for (Map.Entry<String, Long> entry : logs.templates.entrySet()) {
      long count = entry.getValue();
      topTemplate = Math.max(topTemplate, count);
      long hash = hash(entry.getKey());
      out[templates + bucket(hash, templateBuckets)] += sign(hash) * log1p(count / windowSeconds);
    }
    long errors = 0;
    long warnings = 0;
    for (Map.Entry<String, Long> entry : logs.severities.entrySet()) {
      String severity = entry.getKey();
      long count = entry.getValue();
      if (LogSeverity.ERROR.name().equals(severity) || LogSeverity.FATAL.name().equals(severity)) {
        errors += count;
      } else if (LogSeverity.WARN.name().equals(severity)) {
        warnings += count;
      }
      long hash = hash(severity);
      out[severities + bucket(hash, schema.severityBuckets())] +=
          sign(hash) * ratio(count, logs.total);
    }
    out[offset] = log1p(logs.total / windowSeconds);
    out[offset + 1] = ratio(errors, logs.total);
    out[offset + 2] = ratio(warnings, logs.total);
    out[offset + 3] = log1p(logs.templates.size());
    out[offset + 4] = ratio(topTemplate, logs.total);
    out[offset + 5] = log1p(errors / windowSeconds);
    return true;
  }

  private static void code(String service, float[] out, int offset) {
    long bits = hash("service:" + (service == null ? "" : service));
    for (int i = 0; i < CODE; i++) {
      out[offset + i] = ((bits >>> i) & 1L) == 0 ? -1f : 1f;
    }
  }

  static long hash(String name) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < name.length(); i++) {
      h ^= name.charAt(i);
      h *= 0x100000001b3L;
    }
    h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
    h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }

  private static int bucket(long hash, int buckets) {
    return (int) Long.remainderUnsigned(hash, buckets);
  }

  private static float sign(long hash) {
    return hash < 0 ? -1f : 1f;
  }

  private static float log1p(double value) {
    return value > 0 && value < Double.POSITIVE_INFINITY ? log1pOfPositive(value) : 0f;
  }

  // log(1 + x) through Math.log, as the featurizer has computed it since commit 5b81557.
  private static float log1pOfPositive(double value) {
    return value < 1e-4 ? (float) (value - value * value / 2) : (float) Math.log(1 + value);
  }

  private static double finite(double value) {
    return Double.isFinite(value) ? value : 0.0;
  }

  private static float signedLog1p(double value) {
    if (!Double.isFinite(value)) {
      return 0f;
    }
    return Math.signum((float) value) * log1pOfPositive(Math.abs(value));
  }

  private static float ratio(double numerator, double denominator) {
    return denominator > 0 ? (float) finite(numerator / denominator) : 0f;
  }
}
