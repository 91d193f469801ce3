package dev.runtimeslicer.operators.source;

import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Passes telemetry on and sends dead letters to the {@link #DEAD_LETTERS} side output, counting
 * them in the metric {@code deadLetters} and per category in {@code deadLetterCategory.<category>}.
 */
public final class DeadLetterRouter extends ProcessFunction<TelemetryRecord, TelemetryRecord> {

  private static final long serialVersionUID = 1L;

  /** Side output of everything the job could not use. */
  public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

  static final String METRIC_GROUP = "deadLetters";
  static final String CATEGORY_GROUP = "deadLetterCategory";

  private transient Counter total;
  private transient MetricGroup categories;
  private transient Map<String, Counter> perCategory;

  @Override
  public void open(OpenContext openContext) {
    MetricGroup group = getRuntimeContext().getMetricGroup();
    total = group.counter(METRIC_GROUP);
    categories = group.addGroup(CATEGORY_GROUP);
    perCategory = new HashMap<>();
  }

  @Override
  public void processElement(
      TelemetryRecord record, Context context, Collector<TelemetryRecord> out) {
    if (!record.hasDeadLetter()) {
      out.collect(record);
      return;
    }
    total.inc();
    perCategory.computeIfAbsent(record.deadLetter.category, categories::counter).inc();
    context.output(DEAD_LETTERS, record.deadLetter);
  }
}
