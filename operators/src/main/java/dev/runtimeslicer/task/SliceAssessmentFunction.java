package dev.runtimeslicer.task;

import dev.runtimeslicer.embedding.EmbeddedSlice;
import dev.runtimeslicer.embedding.ModelBundle;
import dev.runtimeslicer.state.StateAssignment;
import java.nio.file.Path;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.metrics.Counter;

/**
 * Runs the state-conditioned task heads on each embedded slice (already assigned to a state):
 * anomaly score and decision, failure type, root-cause ranking, evidence. Stateless: the alert
 * lifecycle downstream keeps what must be remembered.
 */
public final class SliceAssessmentFunction extends RichMapFunction<EmbeddedSlice, SliceAssessment> {

  private static final long serialVersionUID = 1L;

  private final String bundleDirectory;
  private transient FailureAnalyzer analyzer;
  private transient Counter anomalous;
  private transient Counter unknownServices;

  public SliceAssessmentFunction(Path bundleDirectory) {
    this.bundleDirectory = bundleDirectory.toString();
  }

  @Override
  public void open(OpenContext openContext) {
    analyzer = new FailureAnalyzer(StateAwareHeads.load(ModelBundle.load(Path.of(bundleDirectory))));
    anomalous = getRuntimeContext().getMetricGroup().counter("anomalousSlices");
    unknownServices = getRuntimeContext().getMetricGroup().counter("unknownServices");
  }

  @Override
  public SliceAssessment map(EmbeddedSlice slice) {
    if (slice.state < 0) {
      throw new IllegalStateException("slice of " + slice.slice.system + " at " + slice.slice.windowStartMs
          + " reached the task heads without a runtime state: the state assignment operator must come first");
    }
    SliceAssessment assessment = analyzer.assess(slice.toEmbedding(), slice.slice,
        new StateAssignment(slice.state, slice.stateDistance, slice.novelState));
    if (assessment.anomalous) {
      anomalous.inc();
    }
    unknownServices.inc(assessment.unknownServices);
    return assessment;
  }
}
