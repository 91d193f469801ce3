package dev.runtimeslicer.jobs;

import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.alert.AlertLifecycleSettings;
import dev.runtimeslicer.model.alert.NoTelemetryWatch;
import dev.runtimeslicer.model.embedding.EmbeddedSlice;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.DetectionPolicy;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.telemetry.DeadLetter;
import dev.runtimeslicer.model.telemetry.TelemetryRecord;
import dev.runtimeslicer.operators.alert.AlertLifecycleFunction;
import dev.runtimeslicer.operators.embedding.BundleLocation;
import dev.runtimeslicer.operators.embedding.SliceEmbeddingOperator;
import dev.runtimeslicer.operators.state.StateAssignmentFunction;
import dev.runtimeslicer.operators.task.SliceAssessmentFunction;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.DataStreamUtils;

/**
 * The online failure-management pipeline, composed in one place: telemetry -> runtime slices (the
 * slicing workflow) -> embeddings (ONNX encoder, micro-batched) -> runtime state -> task heads
 * (anomaly score, triage, root causes, evidence) -> key by system -> alert lifecycle -> alerts.
 * Sources and sinks are passed in and wired outside, so tests and the evaluation run this same
 * workflow on their own inputs.
 */
public final class DetectJob {

  /** Stable operator ids: keep them unchanged so savepoints stay restorable. */
  static final String EMBEDDING_UID = "slice-embedding";

  static final String STATE_UID = "state-assignment";
  static final String HEADS_UID = "task-heads";
  static final String LIFECYCLE_UID = "alert-lifecycle";

  private DetectJob() {}

  /** Every stream of the workflow a sink may want. */
  public record DetectStreams(
      DataStream<RuntimeSlice> slices,
      DataStream<EmbeddedSlice> embeddings,
      DataStream<SliceAssessment> assessments,
      DataStream<Alert> alerts,
      DataStream<DeadLetter> deadLetters) {

    /** The slicing part, for the slice sinks. */
    public SliceJob.SliceStreams sliceStreams() {
      return new SliceJob.SliceStreams(slices, deadLetters);
    }
  }

  /** Builds the workflow on {@code telemetry}, whose timestamps and watermarks are already set. */
  public static DetectStreams defineWorkflow(
      DataStream<TelemetryRecord> telemetry, DetectJobSettings config) {
    SliceJob.SliceStreams sliced = SliceJob.defineWorkflow(telemetry, config.slicing());
    return detect(sliced.slices(), sliced.deadLetters(), config);
  }

  /**
   * The part after slicing, on slices in window order per system with timestamps set (the
   * evaluation feeds recorded slices here).
   */
  public static DetectStreams detect(
      DataStream<RuntimeSlice> slices,
      DataStream<DeadLetter> deadLetters,
      DetectJobSettings config) {
    BundleLocation bundle = config.bundle();
    // Read here, on the client, so a bundle that was never tuned or cannot be reached fails before
    // the job starts.
    DetectionPolicy policy =
        StateAwareHeads.load(ModelBundle.load(bundle.localDirectory())).policy();
    DataStream<EmbeddedSlice> embedded =
        slices
            .transform(
                "slice embeddings",
                TypeInformation.of(EmbeddedSlice.class),
                new SliceEmbeddingOperator(bundle, config.batching()))
            .uid(EMBEDDING_UID)
            .map(new StateAssignmentFunction(bundle))
            .name("runtime states")
            .uid(STATE_UID);
    Duration stateTtl = config.get(DetectJobOptions.ALERT_STATE_TTL);
    DataStream<SliceAssessment> assessments =
        embedded
            .keyBy(slice -> slice.slice.system, TypeInformation.of(String.class))
            .process(
                new SliceAssessmentFunction(
                    bundle,
                    stateTtl,
                    config.get(DetectJobOptions.DIAGNOSE_EVERY_WINDOW)
                        ? FailureAnalyzer.DiagnosedWindows.EVERY
                        : FailureAnalyzer.DiagnosedWindows.ANOMALOUS,
                    config.getOrNull(DetectJobOptions.ALERT_BUDGET),
                    config.trafficContrast(),
                    config.liveAlertTail(),
                    config.knownEdges()))
            .returns(SliceAssessment.class)
            .name("task heads")
            .uid(HEADS_UID);
    long slideMs = config.slicing().sliceSettings().slideMs();
    int repeatWindows = (int) (config.get(DetectJobOptions.REPEAT_INTERVAL).toMillis() / slideMs);
    Integer firing = config.getOrNull(DetectJobOptions.FIRING_WINDOWS);
    Integer resolving = config.getOrNull(DetectJobOptions.RESOLVING_WINDOWS);
    // Already partitioned by system: no second shuffle.
    DataStream<Alert> alerts =
        DataStreamUtils.reinterpretAsKeyedStream(
                assessments, assessment -> assessment.system, TypeInformation.of(String.class))
            .process(
                new AlertLifecycleFunction(
                    new AlertLifecycleSettings(
                        firing != null ? firing : policy.firingWindows(),
                        resolving != null ? resolving : policy.resolvingWindows(),
                        policy.resolveScore(),
                        repeatWindows,
                        config.get(DetectJobOptions.ESCALATION_FACTOR)),
                    stateTtl,
                    noTelemetryWatch(slices, config)))
            .returns(Alert.class)
            .name("alert lifecycle")
            .uid(LIFECYCLE_UID);
    return new DetectStreams(slices, embedded, assessments, alerts, deadLetters);
  }

  /**
   * The watch for silent systems, or null when it is off or the job replays in BATCH mode (no
   * processing time to speak of).
   */
  private static NoTelemetryWatch noTelemetryWatch(
      DataStream<RuntimeSlice> slices, DetectJobSettings config) {
    Duration after = config.get(DetectJobOptions.NO_TELEMETRY_AFTER);
    RuntimeExecutionMode mode =
        slices.getExecutionEnvironment().getConfiguration().get(ExecutionOptions.RUNTIME_MODE);
    if (after.isZero() || mode == RuntimeExecutionMode.BATCH) {
      return null;
    }
    try {
      return new NoTelemetryWatch(
          after.toMillis(),
          config.get(DetectJobOptions.REPEAT_INTERVAL).toMillis(),
          config.get(DetectJobOptions.ALERT_STATE_TTL).toMillis());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "bad '"
              + DetectJobOptions.NO_TELEMETRY_AFTER.key()
              + "': it must be positive (or 0 s: off) "
              + "and shorter than '"
              + DetectJobOptions.ALERT_STATE_TTL.key()
              + "'; "
              + e.getMessage(),
          e);
    }
  }
}
