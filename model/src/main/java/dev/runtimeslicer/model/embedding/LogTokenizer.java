package dev.runtimeslicer.model.embedding;

import dev.runtimeslicer.model.slice.LogFeatures;
import dev.runtimeslicer.model.slice.LogSeverity;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.Map;

/**
 * A service's log token: name-independent volume and error/warn shares, then per template text and
 * per severity name their rate or share; templates hashed or embedded ({@link NameEncoding}),
 * severities (the same few names everywhere) hashed.
 */
final class LogTokenizer {

  /** Log rate, error share, warn share, template count, top template share, error rate. */
  static final int SUMMARY_FEATURES = 6;

  private LogTokenizer() {}

  static boolean present(ServiceSlice service) {
    return service.logs != null && service.logs.total > 0;
  }

  static void write(
      ServiceSlice service,
      double windowSeconds,
      FeatureSchema schema,
      FeatureNames names,
      float[] out,
      int offset) {
    LogFeatures logs = service.logs;
    int templateBuckets = schema.templateBuckets();
    int templates = offset + SUMMARY_FEATURES;
    int severities = templates + templateBuckets;
    long topTemplate = 0;
    for (Map.Entry<String, Long> entry : logs.templates.entrySet()) {
      long count = entry.getValue();
      topTemplate = Math.max(topTemplate, count);
      float rate = ScaledValues.log1p(count / windowSeconds);
      float[] direction = names.direction(entry.getKey(), templateBuckets);
      if (direction != null) {
        FeatureNames.along(direction, rate, out, templates);
        continue;
      }
      long hash = names.hash(entry.getKey());
      out[templates + FeatureHashing.bucket(hash, templateBuckets)] +=
          FeatureHashing.sign(hash) * rate;
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
      long hash = names.hash(severity);
      out[severities + FeatureHashing.bucket(hash, schema.severityBuckets())] +=
          FeatureHashing.sign(hash) * ScaledValues.ratio(count, logs.total);
    }
    out[offset] = ScaledValues.log1p(logs.total / windowSeconds);
    out[offset + 1] = ScaledValues.ratio(errors, logs.total);
    out[offset + 2] = ScaledValues.ratio(warnings, logs.total);
    out[offset + 3] = ScaledValues.log1p(logs.templates.size());
    out[offset + 4] = ScaledValues.ratio(topTemplate, logs.total);
    out[offset + 5] = ScaledValues.log1p(errors / windowSeconds);
  }
}
