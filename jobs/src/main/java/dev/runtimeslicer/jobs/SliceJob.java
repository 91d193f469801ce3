package dev.runtimeslicer.jobs;

import dev.runtimeslicer.slice.PaneSliceFunction;
import dev.runtimeslicer.slice.PaneSliceOperator;
import dev.runtimeslicer.slice.RuntimeSlice;
import dev.runtimeslicer.source.DeadLetterRouter;
import dev.runtimeslicer.telemetry.DeadLetter;
import dev.runtimeslicer.telemetry.TelemetryRecord;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The slicing pipeline, composed in one place: telemetry (already timestamped) -> dead-letter
 * routing -> key by system -> pane-based windows closed on each system's own event time -> runtime
 * slices. Sources and sinks are
 * passed in, so tests run the same workflow on their own inputs and outputs.
 */
public final class SliceJob {

  /** Stable operator ids: keep them unchanged so savepoints stay restorable. */
  static final String ROUTER_UID = "dead-letter-router";
  static final String SLICER_UID = "pane-slicer";

  private SliceJob() {}

  /** The slices and the dead letters (undecodable and late input) of the workflow. */
  public record SliceStreams(DataStream<RuntimeSlice> slices, DataStream<DeadLetter> deadLetters) {}

  /** Builds the workflow on {@code telemetry}, whose timestamps and watermarks are already set. */
  public static SliceStreams defineWorkflow(DataStream<TelemetryRecord> telemetry, SliceJobConfig config) {
    SingleOutputStreamOperator<TelemetryRecord> routed = telemetry
        .process(new DeadLetterRouter())
        .name("route dead letters")
        .uid(ROUTER_UID);
    SingleOutputStreamOperator<RuntimeSlice> slices = routed
        .keyBy(record -> record.system, TypeInformation.of(String.class))
        .transform("runtime slices", TypeInformation.of(RuntimeSlice.class),
            new PaneSliceOperator(config.sliceSettings(), config.eventTime(), config.templateStateTtl(), inputOrder(telemetry)))
        .uid(SLICER_UID);
    DataStream<DeadLetter> deadLetters = routed.getSideOutput(DeadLetterRouter.DEAD_LETTERS)
        .union(slices.getSideOutput(PaneSliceFunction.LATE));
    return new SliceStreams(slices, deadLetters);
  }

  /** BATCH mode hands the slicer each system's records sorted by event time (ties in any order). */
  private static PaneSliceFunction.InputOrder inputOrder(DataStream<TelemetryRecord> telemetry) {
    RuntimeExecutionMode mode = telemetry.getExecutionEnvironment().getConfiguration().get(ExecutionOptions.RUNTIME_MODE);
    return mode == RuntimeExecutionMode.BATCH ? PaneSliceFunction.InputOrder.SORTED_BY_TIME : PaneSliceFunction.InputOrder.ARRIVAL;
  }
}
