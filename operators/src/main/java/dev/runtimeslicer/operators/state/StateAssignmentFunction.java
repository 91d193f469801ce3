package dev.runtimeslicer.operators.state;

import dev.runtimeslicer.model.embedding.EmbeddedSlice;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.state.RuntimeStates;
import dev.runtimeslicer.model.state.StateAssignment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.operators.embedding.BundleLocation;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Assigns every embedded slice its runtime state: the nearest of the bundle's states, the distance
 * to it, and whether the slice is novel (beyond every state's radius). Stateless.
 */
public final class StateAssignmentFunction extends RichMapFunction<EmbeddedSlice, EmbeddedSlice> {

  private static final long serialVersionUID = 1L;

  private final BundleLocation bundle;
  private transient RuntimeStates states;
  private transient Counter novel;

  public StateAssignmentFunction(Path bundleDirectory) {
    this(BundleLocation.of(bundleDirectory));
  }

  public StateAssignmentFunction(BundleLocation bundle) {
    this.bundle = bundle;
  }

  @Override
  public void open(OpenContext openContext) {
    states = StateAwareHeads.load(ModelBundle.load(bundle.localDirectory())).states();
    novel = getRuntimeContext().getMetricGroup().counter("novelStateSlices");
  }

  @Override
  public EmbeddedSlice map(EmbeddedSlice slice) {
    StateAssignment assignment = states.assign(slice.embedding);
    slice.state = assignment.state();
    slice.stateDistance = assignment.distance();
    slice.novelState = assignment.novel();
    if (assignment.novel()) {
      novel.inc();
    }
    return slice;
  }
}
