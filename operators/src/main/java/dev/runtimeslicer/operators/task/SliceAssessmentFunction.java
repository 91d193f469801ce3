package dev.runtimeslicer.operators.task;

import dev.runtimeslicer.model.embedding.EmbeddedSlice;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.state.StateAssignment;
import dev.runtimeslicer.model.task.Adaptation;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.KnownEdge;
import dev.runtimeslicer.model.task.LiveAlertTail;
import dev.runtimeslicer.model.task.LiveAlertTailSettings;
import dev.runtimeslicer.model.task.NewSystemCalibration;
import dev.runtimeslicer.model.task.RecentNormals;
import dev.runtimeslicer.model.task.RecentScores;
import dev.runtimeslicer.model.task.RecentTraffic;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.TrafficContrast;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import dev.runtimeslicer.operators.embedding.BundleLocation;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

/**
 * Keyed by system: runs the state-conditioned task heads on each embedded slice (already assigned
 * to a state): anomaly score and decision, failure type, root-cause ranking, evidence. Keeps the
 * system's recent window scores (the smoothing span's, see {@link RecentScores}), recent normals
 * (see {@link Adaptation}), recent calm traffic (see {@link RecentTraffic}; the service graph of
 * each diagnosed window is learned from it, see {@link dev.runtimeslicer.model.task.ServiceGraph}),
 * live alert tail (see {@link LiveAlertTail}) and, for a system the heads were never tuned on, its
 * own score's calibration (see {@link NewSystemCalibration}) in keyed state with a TTL, shown every
 * window after it is scored; slices must arrive in window order per system, as the slicer emits
 * them.
 */
public final class SliceAssessmentFunction
    extends KeyedProcessFunction<String, EmbeddedSlice, SliceAssessment> {

  private static final long serialVersionUID = 1L;

  private final BundleLocation bundle;
  private final Duration stateTtl;
  private final FailureAnalyzer.DiagnosedWindows diagnosed;
  private final Double alertBudgetPerDay;
  private final TrafficContrastSettings contrast;
  private final LiveAlertTailSettings liveTail;
  private final ArrayList<KnownEdge> knownEdges;
  private transient FailureAnalyzer analyzer;
  private transient ValueState<RecentTraffic> traffic;
  private transient ValueState<LiveAlertTail> tail;
  private transient ValueState<NewSystemCalibration> newSystem;
  private transient ValueState<RecentNormals> recent;
  private transient ValueState<RecentScores> recentScores;
  private transient Counter anomalous;
  private transient Counter unknownServices;

  /**
   * @param stateTtl recent normals of a system unseen this long are forgotten
   * @param diagnosed which windows get a failure type, root causes and exemplars
   */
  public SliceAssessmentFunction(
      Path bundleDirectory, Duration stateTtl, FailureAnalyzer.DiagnosedWindows diagnosed) {
    this(bundleDirectory, stateTtl, diagnosed, null);
  }

  /**
   * @param alertBudgetPerDay false alerts a day per system that sets each system's firing score;
   *     null: the budget the bundle was tuned with
   */
  public SliceAssessmentFunction(
      Path bundleDirectory,
      Duration stateTtl,
      FailureAnalyzer.DiagnosedWindows diagnosed,
      Double alertBudgetPerDay) {
    this(bundleDirectory, stateTtl, diagnosed, alertBudgetPerDay, null);
  }

  /**
   * @param contrast how each system's recent calm traffic is learned and contrasted for root-cause
   *     ranking ({@link TrafficContrast}); null: not at all
   */
  public SliceAssessmentFunction(
      Path bundleDirectory,
      Duration stateTtl,
      FailureAnalyzer.DiagnosedWindows diagnosed,
      Double alertBudgetPerDay,
      TrafficContrastSettings contrast) {
    this(bundleDirectory, stateTtl, diagnosed, alertBudgetPerDay, contrast, null);
  }

  /**
   * @param liveTail how each system's alert tail keeps learning from its windows ({@link
   *     LiveAlertTail}); null: the tuned tails alone set the firing scores
   */
  public SliceAssessmentFunction(
      Path bundleDirectory,
      Duration stateTtl,
      FailureAnalyzer.DiagnosedWindows diagnosed,
      Double alertBudgetPerDay,
      TrafficContrastSettings contrast,
      LiveAlertTailSettings liveTail) {
    this(
        BundleLocation.of(bundleDirectory),
        stateTtl,
        diagnosed,
        alertBudgetPerDay,
        contrast,
        liveTail);
  }

  /** Likewise, with the bundle at any location (a local directory or a Flink file system URI). */
  public SliceAssessmentFunction(
      BundleLocation bundle,
      Duration stateTtl,
      FailureAnalyzer.DiagnosedWindows diagnosed,
      Double alertBudgetPerDay,
      TrafficContrastSettings contrast,
      LiveAlertTailSettings liveTail) {
    this(bundle, stateTtl, diagnosed, alertBudgetPerDay, contrast, liveTail, List.of());
  }

  /**
   * @param knownEdges call paths declared in configuration, added to every diagnosed window's
   *     service graph
   */
  public SliceAssessmentFunction(
      BundleLocation bundle,
      Duration stateTtl,
      FailureAnalyzer.DiagnosedWindows diagnosed,
      Double alertBudgetPerDay,
      TrafficContrastSettings contrast,
      LiveAlertTailSettings liveTail,
      List<KnownEdge> knownEdges) {
    this.knownEdges = new ArrayList<>(knownEdges);
    this.contrast = contrast;
    this.liveTail = liveTail;
    this.bundle = bundle;
    this.stateTtl = stateTtl;
    this.diagnosed = diagnosed;
    this.alertBudgetPerDay = alertBudgetPerDay;
  }

  @Override
  public void open(OpenContext openContext) {
    StateAwareHeads heads = StateAwareHeads.load(ModelBundle.load(bundle.localDirectory()));
    analyzer =
        new FailureAnalyzer(
            alertBudgetPerDay == null ? heads : heads.withAlertBudget(alertBudgetPerDay),
            diagnosed,
            contrast,
            liveTail,
            knownEdges);
    StateTtlConfig ttl =
        StateTtlConfig.newBuilder(stateTtl)
            .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
            .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
            .build();
    ValueStateDescriptor<RecentNormals> descriptor =
        new ValueStateDescriptor<>("recent-normals", RecentNormals.class);
    descriptor.enableTimeToLive(ttl);
    recent = getRuntimeContext().getState(descriptor);
    ValueStateDescriptor<RecentScores> scoresDescriptor =
        new ValueStateDescriptor<>("recent-scores", RecentScores.class);
    scoresDescriptor.enableTimeToLive(ttl);
    recentScores = getRuntimeContext().getState(scoresDescriptor);
    ValueStateDescriptor<RecentTraffic> trafficDescriptor =
        new ValueStateDescriptor<>("recent-traffic", RecentTraffic.class);
    trafficDescriptor.enableTimeToLive(ttl);
    traffic = getRuntimeContext().getState(trafficDescriptor);
    ValueStateDescriptor<LiveAlertTail> tailDescriptor =
        new ValueStateDescriptor<>("live-alert-tail", LiveAlertTail.class);
    tailDescriptor.enableTimeToLive(ttl);
    tail = getRuntimeContext().getState(tailDescriptor);
    ValueStateDescriptor<NewSystemCalibration> newSystemDescriptor =
        new ValueStateDescriptor<>("new-system-calibration", NewSystemCalibration.class);
    newSystemDescriptor.enableTimeToLive(ttl);
    newSystem = getRuntimeContext().getState(newSystemDescriptor);
    anomalous = getRuntimeContext().getMetricGroup().counter("anomalousSlices");
    unknownServices = getRuntimeContext().getMetricGroup().counter("unknownServices");
  }

  @Override
  public void processElement(EmbeddedSlice slice, Context context, Collector<SliceAssessment> out)
      throws Exception {
    if (slice.state < 0) {
      throw new IllegalStateException(
          "slice of "
              + slice.slice.system
              + " at "
              + slice.slice.windowStartMs
              + " reached the task heads without a runtime state: the state assignment operator"
              + " must come first");
    }
    Adaptation adaptation = analyzer.heads().adaptation();
    RecentNormals normals = adaptation == null ? null : recent.value();
    if (adaptation != null && normals == null) {
      normals = new RecentNormals();
    }
    boolean smoothed = analyzer.heads().policy().smoothingMs() > 0;
    RecentScores scores = smoothed ? recentScores.value() : null;
    if (smoothed && scores == null) {
      scores = new RecentScores();
    }
    RecentTraffic calm = contrast == null ? null : traffic.value();
    if (contrast != null && calm == null) {
      calm = new RecentTraffic();
    }
    LiveAlertTail live = liveTail == null ? null : tail.value();
    if (liveTail != null && live == null) {
      live = new LiveAlertTail();
    }
    // A system the heads were never tuned on is scored against its own recent telemetry alone.
    NewSystemCalibration calibration = null;
    if (live != null && analyzer.scoresAsNew(slice.slice.system)) {
      calibration = newSystem.value();
      if (calibration == null) {
        calibration = new NewSystemCalibration();
      }
    }
    boolean contrasted = calm != null && calm.warm(contrast);
    SliceEmbedding embedding = slice.toEmbedding();
    SliceAssessment assessment =
        analyzer.assess(
            embedding,
            slice.slice,
            new StateAssignment(slice.state, slice.stateDistance, slice.novelState),
            normals,
            scores,
            calm,
            live,
            calibration);
    if (calibration != null) {
      calibration.observe(assessment, contrasted, live, analyzer.heads().policy(), liveTail);
      newSystem.update(calibration);
      tail.update(live);
    } else if (live != null) {
      live.observe(
          slice.slice.windowStartMs,
          slice.slice.windowEndMs,
          slice.slice.partial,
          assessment.anomalyScore,
          assessment.fireScore,
          analyzer.heads().policy(),
          liveTail);
      tail.update(live);
    }
    if (smoothed && !slice.slice.partial) {
      recentScores.update(scores);
    }
    // Partial windows reach outside the data: they must not teach the recent normal an outage.
    if (normals != null && !slice.slice.partial) {
      normals.observe(embedding, adaptation, assessment.anomalous);
      recent.update(normals);
    }
    // Only calm windows teach the recent traffic: an incident is what it is contrasted with.
    if (calm != null && !slice.slice.partial && !assessment.anomalous) {
      calm.learn(slice.slice, contrast);
      traffic.update(calm);
    }
    if (assessment.anomalous) {
      anomalous.inc();
    }
    unknownServices.inc(assessment.unknownServices);
    out.collect(assessment);
  }
}
