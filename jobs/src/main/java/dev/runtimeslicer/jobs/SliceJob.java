package dev.runtimeslicer.jobs;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.slice.AbstractPaneSliceFunction;
import dev.runtimeslicer.operators.slice.PanePreAggregator;
import dev.runtimeslicer.operators.slice.PaneSliceFunction;
import dev.runtimeslicer.operators.slice.PaneSliceOperator;
import dev.runtimeslicer.operators.slice.PartialPaneTypeInfo;
import dev.runtimeslicer.operators.source.DeadLetterRouter;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

/**
 * The slicing pipeline, composed in one place: telemetry (already timestamped) -> dead-letter
 * routing -> (in a stream, optionally: parts of panes pre-aggregated where the records are read) ->
 * key by system -> pane-based windows closed on each system's own event time -> runtime slices.
 * Sources and sinks are passed in, so tests run the same workflow on their own inputs and outputs.
 */
public final class SliceJob {

  /** Stable operator ids: keep them unchanged so savepoints stay restorable. */
  static final String ROUTER_UID = "dead-letter-router";

  static final String SLICER_UID = "pane-slicer";
  static final String PRE_AGGREGATOR_UID = "pane-pre-aggregator";

  private SliceJob() {}

  /** The slices and the dead letters (undecodable and late input) of the workflow. */
  public record SliceStreams(DataStream<RuntimeSlice> slices, DataStream<DeadLetter> deadLetters) {}

  /** Builds the workflow on {@code telemetry}, whose timestamps and watermarks are already set. */
  public static SliceStreams defineWorkflow(
      DataStream<TelemetryRecord> telemetry, SliceJobSettings config) {
    SingleOutputStreamOperator<TelemetryRecord> routed =
        telemetry.process(new DeadLetterRouter()).name("route dead letters").uid(ROUTER_UID);
    PaneSliceFunction.InputOrder inputOrder = inputOrder(telemetry);
    PanePreAggregator preAggregator = config.preAggregator();
    SingleOutputStreamOperator<RuntimeSlice> slices;
    if (preAggregator != null && inputOrder == PaneSliceFunction.InputOrder.ARRIVAL) {
      // Parts of panes are aggregated in the subtasks that read the records (chained, no shuffle),
      // then merged per system.
      // The slicer keeps its uid and state either way, so a savepoint restores with pre-aggregation
      // switched on or off.
      slices =
          routed
              .transform("pre-aggregate panes", PartialPaneTypeInfo.INSTANCE, preAggregator)
              .uid(PRE_AGGREGATOR_UID)
              .keyBy(part -> part.system, TypeInformation.of(String.class))
              .transform(
                  "runtime slices",
                  TypeInformation.of(RuntimeSlice.class),
                  PaneSliceOperator.forPartials(
                      config.sliceSettings(), config.eventTime(), config.templateStateTtl()))
              .uid(SLICER_UID);
    } else {
      // a replay (BATCH mode) has every record sorted by time per system already: nothing to gain,
      // and its slices stay exact
      slices =
          routed
              .keyBy(record -> record.system, TypeInformation.of(String.class))
              .transform(
                  "runtime slices",
                  TypeInformation.of(RuntimeSlice.class),
                  PaneSliceOperator.forRecords(
                      config.sliceSettings(),
                      config.eventTime(),
                      config.templateStateTtl(),
                      inputOrder))
              .uid(SLICER_UID);
    }
    DataStream<DeadLetter> deadLetters =
        routed
            .getSideOutput(DeadLetterRouter.DEAD_LETTERS)
            .union(slices.getSideOutput(AbstractPaneSliceFunction.LATE));
    return new SliceStreams(slices, deadLetters);
  }

  /** BATCH mode hands the slicer each system's records sorted by event time (ties in any order). */
  private static PaneSliceFunction.InputOrder inputOrder(DataStream<TelemetryRecord> telemetry) {
    RuntimeExecutionMode mode =
        telemetry.getExecutionEnvironment().getConfiguration().get(ExecutionOptions.RUNTIME_MODE);
    return mode == RuntimeExecutionMode.BATCH
        ? PaneSliceFunction.InputOrder.SORTED_BY_TIME
        : PaneSliceFunction.InputOrder.ARRIVAL;
  }
}
