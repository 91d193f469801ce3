package dev.runtimeslicer.tools.evaluation;

import dev.runtimeslicer.jobs.SliceJobSettings;
import dev.runtimeslicer.jobs.TelemetrySources;
import dev.runtimeslicer.model.alert.Alert;
import dev.runtimeslicer.model.embedding.Modality;
import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.task.ServiceEdge;
import dev.runtimeslicer.model.task.SliceAssessment;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.TrafficContrastSettings;
import dev.runtimeslicer.tools.evaluation.baseline.BaselineResult;
import dev.runtimeslicer.tools.evaluation.baseline.RandomCutForestBaseline;
import dev.runtimeslicer.tools.evaluation.baseline.RcfBaselineSettings;
import dev.runtimeslicer.tools.evaluation.baseline.TrafficContrastRanking;
import dev.runtimeslicer.tools.evaluation.report.EvaluationReportData;
import dev.runtimeslicer.tools.evaluation.report.EvaluationReportWriter;
import dev.runtimeslicer.tools.evaluation.report.FirstAlertDiagnoses;
import dev.runtimeslicer.tools.evaluation.report.MethodResult;
import dev.runtimeslicer.tools.evaluation.report.PcaProjection;
import dev.runtimeslicer.tools.evaluation.report.ReportWindow;
import dev.runtimeslicer.tools.evaluation.report.ScoreTrack;
import dev.runtimeslicer.training.BundleTraining;
import dev.runtimeslicer.training.TrainingSettings;
import dev.runtimeslicer.training.TrainingWindows;
import dev.runtimeslicer.training.scoring.DetectionScore;
import dev.runtimeslicer.training.scoring.FailureScoring;
import dev.runtimeslicer.training.scoring.RankingScore;
import dev.runtimeslicer.training.scoring.ScoredAlert;
import dev.runtimeslicer.training.scoring.WindowScore;
import dev.runtimeslicer.training.tuning.SliceSource;
import dev.runtimeslicer.training.tuning.StateAwareTuner;
import dev.runtimeslicer.training.tuning.TuningSettings;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The evaluation, end to end: slice the labeled telemetry, split it by time, train the encoder and
 * tune the heads on the earlier part only, run the detect operators over the later part, score them
 * and every baseline on the same split, and write metrics.json and report.html.
 */
public final class Evaluation {

  /** The method under evaluation, in metrics and the report. */
  public static final String MODEL = "runtimeslicer";

  public static final String RCF = "rcf";
  public static final String NO_TEMPORAL = "no-temporal-loss";
  public static final String NO_STATES = "no-state-aware-tuning";

  /**
   * Our encoder and heads with the anomaly score of the embedding deviation alone (no symptoms).
   */
  public static final String EMBEDDING_ONLY = "embedding-only-score";

  public static final String METRICS_ONLY = "metrics-only";
  public static final String TRACES_ONLY = "traces-only";
  public static final String LOGS_ONLY = "logs-only";

  /**
   * The model's alerts with root causes ranked by the traffic contrast alone ({@link
   * TrafficContrastRanking}).
   */
  public static final String ACT = "act";

  public static final List<String> BASELINES =
      List.of(
          RCF, ACT, METRICS_ONLY, TRACES_ONLY, LOGS_ONLY, NO_TEMPORAL, NO_STATES, EMBEDDING_ONLY);

  /** Slices per encoder call when projecting embeddings for the report. */
  private static final int EMBED_BATCH = 64;

  /**
   * What to evaluate.
   *
   * @param trainInput separate training telemetry, or null to split {@code input} at {@code
   *     trainFraction}
   * @param bundle an already trained encoder to tune and evaluate, or null to train one
   * @param training the encoder's training configuration (also for the baselines that train)
   * @param variants by name, which training labels tuning reads (all, a share, none, all but
   *     held-out types); each variant tunes the same encoder anew and is scored on its own. One
   *     variant writes into {@code out}, several each into {@code out/NAME}
   */
  public record Request(
      Path input,
      List<FaultLabel> labels,
      Path out,
      double trainFraction,
      Path trainInput,
      List<FaultLabel> trainLabels,
      Path bundle,
      TrainingSettings training,
      TuningSettings tuning,
      List<String> baselines,
      Map<String, TrainingLabels> variants) {

    public Request {
      if (variants.isEmpty()) {
        throw new IllegalArgumentException(
            "an evaluation needs at least one variant of the training labels");
      }
      variants = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variants));
    }
  }

  private final PrintStream progress;
  private final SliceJobSettings slicing = SliceJobSettings.defaults();

  public Evaluation(PrintStream progress) {
    this.progress = progress;
  }

  /** Runs the evaluation and returns metrics.json's content. */
  public Map<String, Object> run(Request request) throws Exception {
    long started = System.nanoTime();
    Path work = request.out().resolve("work");
    // Every stage appends its part files to its folder, so a previous run's files would be read
    // back as more slices and alerts: each run starts from an empty work folder.
    if (Files.exists(work)) {
      org.apache.flink.util.FileUtils.deleteDirectory(work.toFile());
    }
    Files.createDirectories(work);
    stage(slicing(request.input()));
    List<RuntimeSlice> slices =
        FileReplaySlicer.slice(request.input(), work.resolve("input-slices"), slicing);
    ChronologicalSplit split;
    if (request.trainInput() != null) {
      stage(slicing(request.trainInput()));
      List<RuntimeSlice> training =
          FileReplaySlicer.slice(request.trainInput(), work.resolve("train-input-slices"), slicing);
      split = ChronologicalSplit.given(training, request.trainLabels(), slices, request.labels());
    } else {
      split = ChronologicalSplit.of(slices, request.labels(), request.trainFraction());
    }
    progress.printf(
        "training part: %d windows, %d faults; test part: %d windows, %d faults%n",
        split.training().size(),
        split.trainingFaults().size(),
        split.test().size(),
        split.testFaults().size());
    if (split.training().isEmpty() || split.test().isEmpty()) {
      throw new IllegalArgumentException(
          "the split left no "
              + (split.training().isEmpty() ? "training" : "test")
              + " windows; give more telemetry or another --train-fraction");
    }
    Path trainSlices = FileReplaySlicer.write(split.training(), work.resolve("train-slices"));
    Path testSlices = FileReplaySlicer.write(split.test(), work.resolve("test-slices"));
    // The halves hold every slice but those straddling the cut; the whole replay beside them
    // doubled the work folder (1.7 of 3.4 GB for a day of ticketing). Its dead letters stay.
    deleteReplayedSlices(work.resolve("input-slices"));
    deleteReplayedSlices(work.resolve("train-input-slices"));

    Path modelBundle = work.resolve("model");
    if (request.bundle() != null) {
      stage("tuning the given encoder " + request.bundle());
      copyEncoder(request.bundle(), modelBundle);
    } else {
      stage("training the encoder on the training part");
      train(trainSlices, modelBundle, request.training());
    }
    Map<String, Object> last = null;
    for (Map.Entry<String, TrainingLabels> variant : request.variants().entrySet()) {
      boolean alone = request.variants().size() == 1;
      Path out = alone ? request.out() : request.out().resolve(variant.getKey());
      Path variantWork = alone ? work : work.resolve(variant.getKey());
      Path variantBundle = modelBundle;
      if (!alone) {
        stage("variant " + variant.getKey() + ": " + variant.getValue().describe());
        variantBundle = variantWork.resolve("model");
        copyEncoder(modelBundle, variantBundle);
      }
      last =
          scoreVariant(
              request,
              variant.getValue(),
              split,
              variantBundle,
              testSlices,
              work,
              variantWork,
              out,
              started);
    }
    return last;
  }

  /**
   * Tunes the encoder with one variant of the training labels, detects, scores, writes metrics and
   * report.
   */
  private Map<String, Object> scoreVariant(
      Request request,
      TrainingLabels readLabels,
      ChronologicalSplit split,
      Path modelBundle,
      Path testSlices,
      Path work,
      Path variantWork,
      Path out,
      long started)
      throws Exception {
    Files.createDirectories(out);
    TrainingLabels.Applied labels = readLabels.apply(split.trainingFaults());
    progress.printf(
        "tuning reads %s: %d of %d training faults labeled, %d left out%n",
        readLabels.describe(),
        labels.labeled().size(),
        split.trainingFaults().size(),
        labels.excluded().size());
    long evaluatedMs = evaluatedMs(split.test());
    PipelineRun modelRun =
        pipeline(
            MODEL,
            modelBundle,
            split.training(),
            labels,
            testSlices,
            split.testFaults(),
            request.tuning(),
            variantWork.resolve("detect-" + MODEL),
            evaluatedMs);
    MethodOutcome model = modelRun.outcome();

    List<MethodOutcome> baselines = new ArrayList<>();
    for (String baseline : request.baselines()) {
      stage("baseline " + baseline);
      baselines.add(
          baseline.equals(ACT)
              ? trafficContrast(split, modelRun, evaluatedMs)
              : baseline(
                  baseline, request, split, labels, modelBundle, work, variantWork, evaluatedMs));
    }

    Map<String, Object> info = new LinkedHashMap<>();
    info.put("trainWindows", split.training().size());
    info.put("testWindows", split.test().size());
    info.put("trainFaults", split.trainingFaults().size());
    info.put("trainLabels", readLabels.describe());
    info.put("labeledTrainFaults", labels.labeled().size());
    info.put("holdoutTypes", new java.util.TreeSet<>(readLabels.holdoutTypes()));
    info.put("alertBudgetPerDay", request.tuning().alertBudgetPerDay());
    info.put("testFaults", split.testFaults().size());
    info.put("cuts", split.cuts());
    info.put("graceSeconds", FailureScoring.DEFAULT_GRACE_MS / 1000);
    info.put("seconds", (System.nanoTime() - started) / 1e9);
    Map<String, Object> metrics = EvaluationMetrics.all(model, baselines, info);
    if (!readLabels.holdoutTypes().isEmpty()) {
      metrics.putAll(
          EvaluationMetrics.subset(
              "unseen.",
              readLabels.unseen(split.testFaults()),
              model,
              modelRun.assessments(),
              evaluatedMs));
      metrics.putAll(
          EvaluationMetrics.subset(
              "seen.",
              readLabels.seen(split.testFaults()),
              model,
              modelRun.assessments(),
              evaluatedMs));
      for (MethodOutcome baseline : baselines) {
        metrics.putAll(
            EvaluationMetrics.subset(
                "baselines." + baseline.name() + ".unseen.",
                readLabels.unseen(split.testFaults()),
                baseline,
                null,
                evaluatedMs));
      }
    }
    EvaluationMetrics.write(out.resolve("metrics.json"), metrics);
    stage("report");
    EvaluationReportWriter.write(
        report(request, readLabels, split, modelBundle, model, modelRun.assessments(), baselines),
        out.resolve("report.html"));
    printSummary(model, baselines);
    progress.printf(
        "wrote %s and %s (%.0f s)%n",
        out.resolve("metrics.json"),
        out.resolve("report.html"),
        (System.nanoTime() - started) / 1e9);
    return metrics;
  }

  /** A method's outcome, the window assessments and alert notifications behind it. */
  private record PipelineRun(
      MethodOutcome outcome, List<SliceAssessment> assessments, List<Alert> alerts) {}

  /** The model's alerts and windows, ranked by the traffic contrast alone. */
  private MethodOutcome trafficContrast(
      ChronologicalSplit split, PipelineRun modelRun, long evaluatedMs) {
    List<SliceAssessment> reranked =
        TrafficContrastRanking.rerank(
            split.test(), modelRun.assessments(), TrafficContrastSettings.DEFAULTS);
    List<ScoredAlert> alerts = AlertScoring.scoredAlerts(modelRun.alerts(), reranked);
    DetectionScore detection =
        FailureScoring.detection(
            split.testFaults(), alerts, FailureScoring.DEFAULT_GRACE_MS, evaluatedMs);
    RankingScore diagnosis =
        FailureScoring.diagnosis(AlertScoring.faultWindowDiagnoses(split.testFaults(), reranked));
    return new MethodOutcome(
        ACT,
        detection,
        diagnosis,
        AlertScoring.windowScores(reranked),
        alerts,
        modelRun.outcome().threshold());
  }

  /** Tunes {@code bundle} on the training part, detects on the test slices, scores. */
  private PipelineRun pipeline(
      String name,
      Path bundle,
      List<RuntimeSlice> training,
      TrainingLabels.Applied labels,
      Path testSlices,
      List<FaultLabel> testFaults,
      TuningSettings tuning,
      Path work,
      long evaluatedMs)
      throws Exception {
    progress.printf("[%s] tuning states and heads on %d windows%n", name, training.size());
    StateAwareHeads heads =
        new StateAwareTuner(tuning, progress)
            .tune(
                ModelBundle.load(bundle),
                SliceSource.of(training),
                labels.labeled(),
                labels.excluded());
    heads.write(bundle);
    progress.printf("[%s] detecting on the test part (BATCH mode)%n", name);
    BoundedDetection.Output output = BoundedDetection.run(bundle, testSlices, work, Map.of());
    List<ScoredAlert> alerts = AlertScoring.scoredAlerts(output.alerts(), output.assessments());
    DetectionScore detection =
        FailureScoring.detection(testFaults, alerts, FailureScoring.DEFAULT_GRACE_MS, evaluatedMs);
    RankingScore diagnosis =
        FailureScoring.diagnosis(
            AlertScoring.faultWindowDiagnoses(testFaults, output.assessments()));
    return new PipelineRun(
        new MethodOutcome(
            name,
            detection,
            diagnosis,
            AlertScoring.windowScores(output.assessments()),
            alerts,
            heads.policy().fireScore()),
        output.assessments(),
        output.alerts());
  }

  private MethodOutcome baseline(
      String name,
      Request request,
      ChronologicalSplit split,
      TrainingLabels.Applied labels,
      Path modelBundle,
      Path work,
      Path variantWork,
      long evaluatedMs)
      throws Exception {
    Path bundle = variantWork.resolve("baseline-" + name);
    Path detectWork = variantWork.resolve("detect-" + name);
    switch (name) {
      case RCF:
        return randomCutForest(split, labels, evaluatedMs);
      case NO_STATES:
        copyEncoder(modelBundle, bundle);
        return pipeline(
                name,
                bundle,
                split.training(),
                labels,
                work.resolve("test-slices"),
                split.testFaults(),
                request.tuning().toBuilder().maxStates(1).build(),
                detectWork,
                evaluatedMs)
            .outcome();
      case EMBEDDING_ONLY:
        copyEncoder(modelBundle, bundle);
        return pipeline(
                name,
                bundle,
                split.training(),
                labels,
                work.resolve("test-slices"),
                split.testFaults(),
                request.tuning().toBuilder().embeddingWeight(1).build(),
                detectWork,
                evaluatedMs)
            .outcome();
      case NO_TEMPORAL:
        train(
            work.resolve("train-slices"),
            bundle,
            request.training().toBuilder().temporalWeight(0).build());
        return pipeline(
                name,
                bundle,
                split.training(),
                labels,
                work.resolve("test-slices"),
                split.testFaults(),
                request.tuning(),
                detectWork,
                evaluatedMs)
            .outcome();
      case METRICS_ONLY:
      case TRACES_ONLY:
      case LOGS_ONLY:
        Modality modality =
            name.equals(METRICS_ONLY)
                ? Modality.METRICS
                : name.equals(TRACES_ONLY) ? Modality.TRACES : Modality.LOGS;
        List<RuntimeSlice> training = ModalityFilter.only(modality, split.training());
        Path trainDir =
            FileReplaySlicer.write(training, variantWork.resolve("train-slices-" + name));
        Path testDir =
            FileReplaySlicer.write(
                ModalityFilter.only(modality, split.test()),
                variantWork.resolve("test-slices-" + name));
        train(trainDir, bundle, request.training());
        return pipeline(
                name,
                bundle,
                training,
                labels,
                testDir,
                split.testFaults(),
                request.tuning(),
                detectWork,
                evaluatedMs)
            .outcome();
      default:
        throw new IllegalArgumentException(
            "unknown baseline '" + name + "'; the baselines are " + BASELINES);
    }
  }

  private MethodOutcome randomCutForest(
      ChronologicalSplit split, TrainingLabels.Applied labels, long evaluatedMs) {
    Map<String, List<RuntimeSlice>> training = bySystem(split.training());
    Map<String, List<RuntimeSlice>> test = bySystem(split.test());
    List<WindowScore> scores = new ArrayList<>();
    List<ScoredAlert> alerts = new ArrayList<>();
    double threshold = Double.NaN;
    for (Map.Entry<String, List<RuntimeSlice>> system : test.entrySet()) {
      List<RuntimeSlice> train = training.get(system.getKey());
      if (train == null) {
        progress.printf("[rcf] %s has no training windows: no baseline for it%n", system.getKey());
        continue;
      }
      // The forest's threshold leaves out the labeled and the held-out faults; its triage knows the
      // labeled ones only.
      BaselineResult result =
          RandomCutForestBaseline.fit(
                  train, labels.labeled(), labels.excluded(), RcfBaselineSettings.defaults())
              .detect(system.getValue());
      scores.addAll(result.scores());
      alerts.addAll(result.alerts());
      threshold = result.threshold();
    }
    DetectionScore detection =
        FailureScoring.detection(
            split.testFaults(), alerts, FailureScoring.DEFAULT_GRACE_MS, evaluatedMs);
    return new MethodOutcome(RCF, detection, null, scores, alerts, threshold);
  }

  private void train(Path slices, Path bundle, TrainingSettings config) throws IOException {
    BundleTraining.run(
        TrainingWindows.readRaw(List.of(slices), config.schema()), bundle, config, progress);
  }

  /**
   * A copy of a bundle's encoder files (no heads), so tuning never writes into the user's bundle.
   */
  private static void copyEncoder(Path from, Path to) throws IOException {
    ModelBundle.load(from);
    Files.createDirectories(to);
    for (String file :
        new String[] {
          ModelBundle.ENCODER, ModelBundle.FEATURIZATION, ModelBundle.TRAINING, ModelBundle.MANIFEST
        }) {
      Files.copy(
          from.resolve(file), to.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private EvaluationReportData report(
      Request request,
      TrainingLabels readLabels,
      ChronologicalSplit split,
      Path bundle,
      MethodOutcome model,
      List<SliceAssessment> assessments,
      List<MethodOutcome> baselines) {
    Map<String, SliceAssessment> byWindow = new HashMap<>();
    for (SliceAssessment a : assessments) {
      byWindow.put(a.system + "@" + a.windowStartMs, a);
    }
    List<SliceEmbedding> embeddings = new ArrayList<>();
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      for (int i = 0; i < split.test().size(); i += EMBED_BATCH) {
        embeddings.addAll(
            encoder.embed(split.test().subList(i, Math.min(split.test().size(), i + EMBED_BATCH))));
      }
    }
    List<float[]> vectors = new ArrayList<>();
    embeddings.forEach(e -> vectors.add(e.embedding()));
    PcaProjection projection = vectors.size() >= 3 ? PcaProjection.fit(vectors) : null;
    List<ReportWindow> windows = new ArrayList<>();
    for (SliceEmbedding e : embeddings) {
      SliceAssessment a = byWindow.get(e.system() + "@" + e.windowStartMs());
      double[] xy =
          projection == null
              ? new double[] {Double.NaN, Double.NaN}
              : projection.project(e.embedding());
      String state = a == null ? "?" : (a.novelState ? "novel" : "state " + a.state);
      windows.add(
          new ReportWindow(e.system(), e.windowStartMs(), e.windowEndMs(), state, xy[0], xy[1]));
    }
    List<ScoreTrack> tracks = new ArrayList<>();
    List<MethodResult> methods = new ArrayList<>();
    List<MethodOutcome> all = new ArrayList<>();
    all.add(model);
    all.addAll(baselines);
    TreeSet<String> systems = new TreeSet<>();
    split.test().forEach(s -> systems.add(s.system));
    for (MethodOutcome outcome : all) {
      for (String system : systems) {
        tracks.add(
            ScoreTrack.forSystem(
                outcome.name(), system, outcome.threshold(), outcome.scores(), outcome.alerts()));
      }
      methods.add(MethodResult.of(outcome.name(), outcome.detection()));
    }
    String description =
        String.format(
            java.util.Locale.ROOT,
            "Input %s; %s. Trained and tuned on %d windows (%d faults; tuning read %s), evaluated"
                + " on %d windows (%d faults) that came later.",
            request.input(),
            request.trainInput() != null
                ? "training data " + request.trainInput()
                : "split by time at "
                    + Math.round(100 * request.trainFraction())
                    + "% of each system's span",
            split.training().size(),
            split.trainingFaults().size(),
            readLabels.describe(),
            split.test().size(),
            split.testFaults().size());
    return new EvaluationReportData(
        "RuntimeSlicer evaluation",
        description,
        windows,
        split.testFaults(),
        tracks,
        FirstAlertDiagnoses.of(split.testFaults(), model.detection()),
        methods,
        firstAlertGraphs(split.testFaults(), model.detection(), assessments));
  }

  /**
   * Per detected fault's id, the service graph of the window its first alert fired on (the window
   * whose ranking it is scored by, see {@link AlertScoring}).
   */
  private static Map<String, List<ServiceEdge>> firstAlertGraphs(
      List<FaultLabel> faults, DetectionScore detection, List<SliceAssessment> assessments) {
    Map<String, SliceAssessment> byEnd = new HashMap<>();
    for (SliceAssessment a : assessments) {
      byEnd.put(a.system + "@" + a.windowEndMs, a);
    }
    Map<String, List<ServiceEdge>> out = new HashMap<>();
    for (FaultLabel fault : faults) {
      ScoredAlert first = detection.firstAlerts().get(fault.id());
      SliceAssessment window =
          first == null ? null : byEnd.get(first.system() + "@" + first.firedAtMs());
      if (window != null && !window.dependencies.isEmpty()) {
        out.put(fault.id(), window.dependencies);
      }
    }
    return out;
  }

  private void printSummary(MethodOutcome model, List<MethodOutcome> baselines) {
    progress.printf(
        "%n%-24s %6s %6s %6s %8s %9s %8s %6s %6s %6s%n",
        "method", "P", "R", "F1", "delay s", "false/day", "triageF1", "top1", "top3", "top5");
    List<MethodOutcome> all = new ArrayList<>();
    all.add(model);
    all.addAll(baselines);
    for (MethodOutcome m : all) {
      DetectionScore d = m.detection();
      progress.printf(
          java.util.Locale.ROOT,
          "%-24s %6.3f %6.3f %6.3f %8.1f %9.2f %8.3f %6.3f %6.3f %6.3f%n",
          m.name(),
          d.precision(),
          d.recall(),
          d.f1(),
          d.delaySecondsMedian(),
          d.falseAlertsPerDay(),
          d.triage().triageMacroF1(),
          d.triage().top1(),
          d.triage().top3(),
          d.triage().top5());
    }
  }

  /** The stage line of slicing {@code input}: what and how much is replayed, as slices says it. */
  private static String slicing(Path input) throws IOException {
    return "slicing "
        + input
        + ": replaying "
        + TelemetrySources.replayInput(input).describe()
        + " in BATCH mode";
  }

  private void stage(String what) {
    progress.printf("== %s%n", what);
  }

  private static Map<String, List<RuntimeSlice>> bySystem(List<RuntimeSlice> slices) {
    Map<String, List<RuntimeSlice>> out = new LinkedHashMap<>();
    for (RuntimeSlice slice : slices) {
      out.computeIfAbsent(slice.system, s -> new ArrayList<>()).add(slice);
    }
    return out;
  }

  /** Sum over systems of the evaluated time span. */
  private static void deleteReplayedSlices(Path replay) throws IOException {
    Path slices = replay.resolve(dev.runtimeslicer.jobs.SliceSinks.SLICES_DIR);
    if (Files.exists(slices)) {
      org.apache.flink.util.FileUtils.deleteDirectory(slices.toFile());
    }
  }

  private static long evaluatedMs(List<RuntimeSlice> windows) {
    Map<String, long[]> spans = new HashMap<>();
    for (RuntimeSlice s : windows) {
      spans.merge(
          s.system,
          new long[] {s.windowStartMs, s.windowEndMs},
          (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
    }
    long total = 0;
    for (long[] span : spans.values()) {
      total += span[1] - span[0];
    }
    return total;
  }
}
