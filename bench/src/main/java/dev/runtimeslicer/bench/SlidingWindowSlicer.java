package dev.runtimeslicer.bench;

import dev.runtimeslicer.model.slice.LogTemplateMiner;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceAssembler;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.slice.SystemPane;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.util.List;
import org.apache.flink.api.common.functions.AggregateFunction;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/**
 * The baseline the pane-based slicer is measured against: Flink's own sliding windows, where every
 * record is aggregated into each of the W/S windows that contain it. Same aggregation code, so the
 * difference is the windowing alone. (Log templates are not mined here; the benchmark's pane-based
 * run mines them, which only favours the baseline.)
 */
final class SlidingWindowSlicer {

  private SlidingWindowSlicer() {}

  /** Aggregates records into one {@link SystemPane} per window. */
  static final class Aggregate
      implements AggregateFunction<TelemetryRecord, SystemPane, SystemPane> {
    private final SliceSettings settings;

    Aggregate(SliceSettings settings) {
      this.settings = settings;
    }

    @Override
    public SystemPane createAccumulator() {
      return new SystemPane();
    }

    @Override
    public SystemPane add(TelemetryRecord record, SystemPane pane) {
      pane.add(record, LogTemplateMiner.OVERFLOW, settings, bound -> {});
      return pane;
    }

    @Override
    public SystemPane getResult(SystemPane pane) {
      return pane;
    }

    @Override
    public SystemPane merge(SystemPane a, SystemPane b) {
      throw new UnsupportedOperationException("sliding windows never merge");
    }
  }

  /** Turns a window's aggregate into a slice. */
  static final class Assemble
      extends ProcessWindowFunction<SystemPane, RuntimeSlice, String, TimeWindow> {
    private final SliceSettings settings;

    Assemble(SliceSettings settings) {
      this.settings = settings;
    }

    @Override
    public void process(
        String system, Context context, Iterable<SystemPane> panes, Collector<RuntimeSlice> out) {
      out.collect(
          new SliceAssembler(settings)
              .assemble(
                  system,
                  context.window().getStart(),
                  context.window().getEnd(),
                  List.of(panes.iterator().next()),
                  (service, id) -> LogTemplateMiner.OVERFLOW_TEMPLATE));
    }
  }
}
