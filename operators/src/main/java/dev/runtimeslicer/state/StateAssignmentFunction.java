package dev.runtimeslicer.state;

import dev.runtimeslicer.embedding.EmbeddedSlice;
import dev.runtimeslicer.embedding.BundleLocation;
import dev.runtimeslicer.embedding.ModelBundle;
import dev.runtimeslicer.task.StateAwareHeads;
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
