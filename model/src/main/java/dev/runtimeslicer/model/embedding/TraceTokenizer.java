package dev.runtimeslicer.model.embedding;

import dev.runtimeslicer.model.slice.CallFeatures;
import dev.runtimeslicer.model.slice.OperationFeatures;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.slice.TraceFeatures;
import java.util.Map;

/**
 * A service's trace token: name-independent request rate, error ratio and latency summaries, then
 * per operation and per callee (hashed or embedded, {@link NameEncoding}) their rate, error ratio
 * and latency.
 */
final class TraceTokenizer {

  /**
   * Request rate, span rate, error ratio, p50, p90, p99, worst operation error ratio, worst
   * operation max latency, outgoing call rate, outgoing error ratio, operation count, callee count.
   */
  static final int SUMMARY_FEATURES = 12;

  /** Rate, error ratio, log mean latency, log max latency per hashed operation. */
  static final int OPERATION_CHANNELS = 4;

  /** Rate and error ratio per hashed callee. */
  static final int CALLEE_CHANNELS = 2;

  private TraceTokenizer() {}

  static boolean present(ServiceSlice service) {
    TraceFeatures t = service.traces;
    return t != null
        && (t.spans > 0 || t.requests > 0 || !t.operations.isEmpty() || !t.callees.isEmpty());
  }

  static void write(
      ServiceSlice service,
      double windowSeconds,
      FeatureSchema schema,
      FeatureNames names,
      float[] out,
      int offset) {
    TraceFeatures t = service.traces;
    int operationBuckets = schema.operationBuckets();
    int calleeBuckets = schema.calleeBuckets();
    int operations = offset + SUMMARY_FEATURES;
    int callees = operations + OPERATION_CHANNELS * operationBuckets;

    float worstOperationErrors = 0;
    double worstOperationMaxMs = 0;
    for (Map.Entry<String, OperationFeatures> entry : t.operations.entrySet()) {
      OperationFeatures op = entry.getValue();
      float errorRatio = ScaledValues.ratio(op.errors, op.count);
      worstOperationErrors = Math.max(worstOperationErrors, errorRatio);
      worstOperationMaxMs = Math.max(worstOperationMaxMs, op.maxMs);
      float rate = ScaledValues.log1p(op.count / windowSeconds);
      float meanMs = ScaledValues.log1p(op.meanMs);
      float maxMs = ScaledValues.log1p(op.maxMs);
      float[] direction = names.direction(entry.getKey(), operationBuckets);
      if (direction != null) {
        FeatureNames.along(direction, rate, out, operations);
        FeatureNames.along(direction, errorRatio, out, operations + operationBuckets);
        FeatureNames.along(direction, meanMs, out, operations + 2 * operationBuckets);
        FeatureNames.along(direction, maxMs, out, operations + 3 * operationBuckets);
        continue;
      }
      long hash = names.hash(entry.getKey());
      int bucket = FeatureHashing.bucket(hash, operationBuckets);
      float sign = FeatureHashing.sign(hash);
      out[operations + bucket] += sign * rate;
      out[operations + operationBuckets + bucket] += sign * errorRatio;
      out[operations + 2 * operationBuckets + bucket] += sign * meanMs;
      out[operations + 3 * operationBuckets + bucket] += sign * maxMs;
    }
    long calls = 0;
    long callErrors = 0;
    for (Map.Entry<String, CallFeatures> entry : t.callees.entrySet()) {
      CallFeatures call = entry.getValue();
      calls += call.calls;
      callErrors += call.errors;
      float rate = ScaledValues.log1p(call.calls / windowSeconds);
      float errorRatio = ScaledValues.ratio(call.errors, call.calls);
      float[] direction = names.direction(entry.getKey(), calleeBuckets);
      if (direction != null) {
        FeatureNames.along(direction, rate, out, callees);
        FeatureNames.along(direction, errorRatio, out, callees + calleeBuckets);
        continue;
      }
      long hash = names.hash(entry.getKey());
      int bucket = FeatureHashing.bucket(hash, calleeBuckets);
      float sign = FeatureHashing.sign(hash);
      out[callees + bucket] += sign * rate;
      out[callees + calleeBuckets + bucket] += sign * errorRatio;
    }
    out[offset] = ScaledValues.log1p(t.requests / windowSeconds);
    out[offset + 1] = ScaledValues.log1p(t.spans / windowSeconds);
    out[offset + 2] = ScaledValues.ratio(t.errors, t.requests);
    out[offset + 3] = ScaledValues.log1p(t.latencyP50Ms);
    out[offset + 4] = ScaledValues.log1p(t.latencyP90Ms);
    out[offset + 5] = ScaledValues.log1p(t.latencyP99Ms);
    out[offset + 6] = worstOperationErrors;
    out[offset + 7] = ScaledValues.log1p(worstOperationMaxMs);
    out[offset + 8] = ScaledValues.log1p(calls / windowSeconds);
    out[offset + 9] = ScaledValues.ratio(callErrors, calls);
    out[offset + 10] = ScaledValues.log1p(t.operations.size());
    out[offset + 11] = ScaledValues.log1p(t.callees.size());
  }
}
