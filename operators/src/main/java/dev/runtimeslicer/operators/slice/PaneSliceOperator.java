package dev.runtimeslicer.operators.slice;

import dev.runtimeslicer.model.slice.EventTimeSettings;
import dev.runtimeslicer.model.slice.PartialPane;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.SliceSettings;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import java.time.Duration;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a slicer function ({@link AbstractPaneSliceFunction}) and, on a backend that serializes
 * state (RocksDB), keeps its panes and template miners on the heap and saves the changed ones
 * before every checkpoint barrier, system by system: the only place that can switch the key outside
 * a record or timer. Inputs thus never read or write such a backend (RocksDB would serialize a
 * whole pane twice per record), and every checkpoint and savepoint still holds the complete slicer
 * state. On the heap backend the function uses its state directly, as that already is the heap.
 *
 * @param <IN> a telemetry record, or a part of a pane pre-aggregated upstream
 */
public final class PaneSliceOperator<IN> extends KeyedProcessOperator<String, IN, RuntimeSlice> {

  private static final long serialVersionUID = 1L;

  private PaneSliceOperator(AbstractPaneSliceFunction<IN> function) {
    super(function);
    function.savedAtCheckpoints = true;
  }

  /** A slicer of records in a stream ({@link PaneSliceFunction.InputOrder#ARRIVAL}). */
  public static PaneSliceOperator<TelemetryRecord> forRecords(
      SliceSettings settings, EventTimeSettings eventTime, Duration templateStateTtl) {
    return forRecords(settings, eventTime, templateStateTtl, PaneSliceFunction.InputOrder.ARRIVAL);
  }

  /** A slicer of records that reach it in {@code inputOrder}. */
  public static PaneSliceOperator<TelemetryRecord> forRecords(
      SliceSettings settings,
      EventTimeSettings eventTime,
      Duration templateStateTtl,
      PaneSliceFunction.InputOrder inputOrder) {
    return new PaneSliceOperator<>(
        new PaneSliceFunction(settings, eventTime, templateStateTtl, inputOrder));
  }

  /** A slicer of a stream of parts of panes pre-aggregated upstream ({@link PanePreAggregator}). */
  public static PaneSliceOperator<PartialPane> forPartials(
      SliceSettings settings, EventTimeSettings eventTime, Duration templateStateTtl) {
    return new PaneSliceOperator<>(
        new PartialPaneSliceFunction(settings, eventTime, templateStateTtl));
  }

  private AbstractPaneSliceFunction<IN> function() {
    return (AbstractPaneSliceFunction<IN>) getUserFunction();
  }

  @Override
  public void open() throws Exception {
    function().writeBack = !(getKeyedStateBackend() instanceof HeapKeyedStateBackend);
    super.open(); // opens the function, which reads the mode
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    AbstractPaneSliceFunction<IN> function = function();
    for (String system : function.systemsWithUnsavedState()) {
      setCurrentKey(system);
      function.saveState(system);
    }
  }
}
