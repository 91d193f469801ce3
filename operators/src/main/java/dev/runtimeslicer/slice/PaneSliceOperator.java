package dev.runtimeslicer.slice;

import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.time.Duration;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a {@link PaneSliceFunction} and, before every checkpoint barrier, saves the panes and
 * template miners it changed on the heap to the state backend, system by system: the only place
 * that can switch the key outside a record or timer. Records thus never read or write the backend
 * (on RocksDB that would serialize a whole pane twice per record), and every checkpoint and
 * savepoint still holds the complete slicer state.
 */
public final class PaneSliceOperator extends KeyedProcessOperator<String, TelemetryRecord, RuntimeSlice> {

  private static final long serialVersionUID = 1L;

  /** A slicer for a stream ({@link PaneSliceFunction.InputOrder#ARRIVAL}). */
  public PaneSliceOperator(SliceSettings settings, EventTimeSettings eventTime, Duration templateStateTtl) {
    this(settings, eventTime, templateStateTtl, PaneSliceFunction.InputOrder.ARRIVAL);
  }

  /** A slicer for input that reaches it in {@code inputOrder}. */
  public PaneSliceOperator(SliceSettings settings, EventTimeSettings eventTime, Duration templateStateTtl,
      PaneSliceFunction.InputOrder inputOrder) {
    super(withSaving(new PaneSliceFunction(settings, eventTime, templateStateTtl, inputOrder)));
  }

  private static PaneSliceFunction withSaving(PaneSliceFunction function) {
    function.savedAtCheckpoints = true;
    return function;
  }

  @Override
  public void prepareSnapshotPreBarrier(long checkpointId) throws Exception {
    super.prepareSnapshotPreBarrier(checkpointId);
    PaneSliceFunction function = (PaneSliceFunction) getUserFunction();
    for (String system : function.systemsWithUnsavedState()) {
      setCurrentKey(system);
      function.saveState(system);
    }
  }
}
