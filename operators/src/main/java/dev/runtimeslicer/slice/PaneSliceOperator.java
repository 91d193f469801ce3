package dev.runtimeslicer.slice;

import dev.runtimeslicer.telemetry.TelemetryRecord;
import java.time.Duration;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

/**
 * Runs a {@link PaneSliceFunction} and, on a backend that serializes state (RocksDB), keeps its
 * panes and template miners on the heap and saves the changed ones before every checkpoint
 * barrier, system by system: the only place that can switch the key outside a record or timer.
 * Records thus never read or write such a backend (RocksDB would serialize a whole pane twice per
 * record), and every checkpoint and savepoint still holds the complete slicer state. On the heap
 * backend the function uses its state directly, as that already is the heap.
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
  public void open() throws Exception {
    ((PaneSliceFunction) getUserFunction()).writeBack = !(getKeyedStateBackend() instanceof HeapKeyedStateBackend);
    super.open(); // opens the function, which reads the mode
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
