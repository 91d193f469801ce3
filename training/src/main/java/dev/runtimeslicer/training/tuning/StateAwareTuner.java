package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.embedding.ModelBundle;
import dev.runtimeslicer.model.embedding.SliceEncoder;
import dev.runtimeslicer.model.format.FaultLabel;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.state.RuntimeStates;
import dev.runtimeslicer.model.task.Adaptation;
import dev.runtimeslicer.model.task.DetectionPolicy;
import dev.runtimeslicer.model.task.DiagnosedWindow;
import dev.runtimeslicer.model.task.FailureAnalyzer;
import dev.runtimeslicer.model.task.FailureSymptoms;
import dev.runtimeslicer.model.task.FeatureNormals;
import dev.runtimeslicer.model.task.LocalizationRanker;
import dev.runtimeslicer.model.task.NeighborReference;
import dev.runtimeslicer.model.task.RecentNormals;
import dev.runtimeslicer.model.task.RecentScores;
import dev.runtimeslicer.model.task.RootCauseCandidate;
import dev.runtimeslicer.model.task.StateAwareHeads;
import dev.runtimeslicer.model.task.StateProfile;
import dev.runtimeslicer.model.task.SymptomNormals;
import dev.runtimeslicer.model.task.SymptomScales;
import dev.runtimeslicer.model.task.TaskHead;
import dev.runtimeslicer.model.task.WindowSymptoms;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * State-aware tuning on the frozen encoder: embeds training slices, partitions the normal ones into
 * runtime states, fits each state's normal profile (with a global fallback), and, where labels
 * exist, the root-cause ranker and the task heads of {@link TaskHeadFitters} (triage, ...); then
 * the firing score. The encoder is never touched: new heads need only new tuning.
 */
public final class StateAwareTuner {

  /** Slide assumed when the data has a single window per system. */
  private static final long DEFAULT_SLIDE_MS = 10_000;

  /** Smallest spread of recent distances (embedding distances are of order 0.1 to 1). */
  private static final double RECENT_SCALE_FLOOR = 1e-3;

  private final TuningSettings settings;
  private final PrintStream progress;

  public StateAwareTuner(TuningSettings settings, PrintStream progress) {
    this.settings = settings;
    this.progress = progress;
  }

  /**
   * Fits states and heads on the slices of {@code source} (any order; read three times) and their
   * labels; write the result into the bundle with {@link StateAwareHeads#write}.
   */
  public StateAwareHeads tune(ModelBundle bundle, SliceSource source, List<FaultLabel> labels)
      throws IOException {
    return tune(bundle, source, labels, List.of());
  }

  /**
   * As {@link #tune(ModelBundle, SliceSource, List)}, with faults whose windows are to be left out
   * altogether: neither normal nor labeled examples (fault types held out of an evaluation).
   */
  public StateAwareHeads tune(
      ModelBundle bundle, SliceSource source, List<FaultLabel> labels, List<FaultLabel> excluded)
      throws IOException {
    WindowRoles roles =
        new WindowRoles(labels, excluded, settings.recoveryMargin().toMillis())
            .withTailCuts(tailCuts(source));
    FeatureNormalsFitter normals = new FeatureNormalsFitter(settings.seed());
    List<EmbeddedWindow> windows;
    long started = System.nanoTime();
    int[] partial = new int[1];
    // Windows reaching outside a system's data look like outages; they teach nothing normal.
    SliceSource complete =
        sink ->
            source.forEach(
                slice -> {
                  if (slice.partial) {
                    partial[0]++;
                  } else {
                    sink.accept(slice);
                  }
                });
    try (SliceEncoder encoder = SliceEncoder.open(bundle)) {
      windows =
          WindowEmbedder.embed(
              complete,
              encoder,
              slice -> isIncident(roles, slice),
              slice -> {
                if (roles.normal(slice.system, slice.windowStartMs, slice.windowEndMs)) {
                  normals.add(slice);
                }
              });
    }
    FeatureNormals evidence = normals.fit();
    windows =
        withSymptoms(
            windows,
            sink ->
                source.forEach(
                    slice -> {
                      if (!slice.partial) {
                        sink.accept(slice);
                      }
                    }),
            evidence);
    progress.printf(
        "embedded %d windows in %.1fs%n", windows.size(), (System.nanoTime() - started) / 1e9);
    return fit(bundle, windows, partial[0], roles, evidence);
  }

  /**
   * Per system, where the alert tail's share of its time begins: windows from there on are held
   * back from normals and calibration (none when the share is 0).
   */
  private Map<String, Long> tailCuts(SliceSource source) throws IOException {
    Map<String, long[]> spans = new java.util.HashMap<>();
    if (settings.alertTailShare() <= 0) {
      return Map.of();
    }
    source.forEach(
        slice -> {
          if (!slice.partial) {
            spans.merge(
                slice.system,
                new long[] {slice.windowStartMs, slice.windowEndMs},
                (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
          }
        });
    Map<String, Long> cuts = new java.util.HashMap<>();
    spans.forEach(
        (system, span) ->
            cuts.put(system, span[1] - (long) ((span[1] - span[0]) * settings.alertTailShare())));
    return cuts;
  }

  /**
   * The windows with their services' symptoms, from a second pass over the slices: the symptoms
   * need the feature normals, which the first pass learned.
   */
  private static List<EmbeddedWindow> withSymptoms(
      List<EmbeddedWindow> windows, SliceSource slices, FeatureNormals normals) throws IOException {
    Map<String, Map<Long, WindowSymptoms>> symptoms = new java.util.HashMap<>();
    SymptomNormals symptomNormals = new SymptomNormals(normals);
    slices.forEach(
        slice ->
            symptoms
                .computeIfAbsent(slice.system, s -> new java.util.HashMap<>())
                .put(
                    slice.windowStartMs,
                    FailureSymptoms.ofWindow(slice, symptomNormals).symptoms()));
    List<EmbeddedWindow> out = new ArrayList<>(windows.size());
    for (EmbeddedWindow window : windows) {
      Map<Long, WindowSymptoms> ofSystem = symptoms.get(window.system());
      out.add(window.withSymptoms(ofSystem == null ? null : ofSystem.get(window.startMs())));
    }
    return out;
  }

  private static boolean isIncident(WindowRoles roles, RuntimeSlice slice) {
    return !roles.incidents(slice.system, slice.windowStartMs, slice.windowEndMs).isEmpty();
  }

  private StateAwareHeads fit(
      ModelBundle bundle,
      List<EmbeddedWindow> windows,
      int partial,
      WindowRoles roles,
      FeatureNormals evidence)
      throws IOException {
    List<EmbeddedWindow> normal = new ArrayList<>();
    for (EmbeddedWindow window : windows) {
      if (roles.normal(window.system(), window.startMs(), window.endMs())) {
        normal.add(window);
      }
    }
    if (normal.size() < 2 * settings.neighbors()) {
      throw new IllegalArgumentException(
          "tuning needs normal windows: only "
              + normal.size()
              + " of "
              + windows.size()
              + " windows lie outside labeled faults; give slices of a longer normal period");
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("settings", settings.toString());
    report.put("windows", windows.size());
    report.put("partialWindowsSkipped", partial);
    report.put("normalWindows", normal.size());
    report.put(
        "heldBackWindows",
        windows.stream().filter(w -> roles.heldBack(w.system(), w.startMs(), w.endMs())).count());

    List<float[]> embeddings = new ArrayList<>(normal.size());
    normal.forEach(w -> embeddings.add(w.embedding().embedding()));
    StateClustering.Result clustering = StateClustering.fit(embeddings, settings);
    RuntimeStates states = clustering.states();
    report.put("states", states.count());
    report.put("silhouettes", clustering.silhouettes());
    progress.printf(
        "runtime states: %d (silhouette by k: %s)%n", states.count(), clustering.silhouettes());

    Adaptation adaptation = adaptation(windows);
    report.put("adaptationHorizonWindows", adaptation == null ? 0 : adaptation.horizonWindows());
    SymptomScales symptoms =
        SymptomScalesFitter.fit(normal, settings.calibrationShare(), settings.bodyScales());
    ProfileFitter fitter = new ProfileFitter(settings, adaptation, symptoms);
    ProfileFitter.Fitted fittedGlobal = fitter.fit(normal, null, normal);
    StateProfile global = fittedGlobal.profile();
    report.put("detectionMix", global.mix());
    List<List<EmbeddedWindow>> members = new ArrayList<>();
    for (int s = 0; s < states.count(); s++) {
      members.add(new ArrayList<>());
    }
    for (int i = 0; i < normal.size(); i++) {
      members.get(clustering.assignment()[i]).add(normal.get(i));
    }
    List<StateProfile> profiles = new ArrayList<>();
    List<List<EmbeddedWindow>> references = new ArrayList<>();
    for (int s = 0; s < states.count(); s++) {
      boolean own = members.get(s).size() >= settings.minStateWindows();
      ProfileFitter.Fitted fitted = own ? fitter.fit(members.get(s), global, normal) : null;
      profiles.add(own ? fitted.profile() : null);
      references.add(own ? fitted.references() : null);
    }
    List<EmbeddedWindow> globalReferences = fittedGlobal.references();
    DetectionPolicy policy =
        new DetectionPolicy(
            settings.fireScore(),
            Math.min(settings.resolveScore(), settings.fireScore()),
            settings.firingWindows(),
            settings.resolvingWindows(),
            settings.smoothing().toMillis(),
            settings.alertBudgetPerDay());
    String encoderSha = ModelBundle.sha256(Files.readAllBytes(bundle.encoderFile()));
    StateAwareHeads heads =
        new StateAwareHeads(
            StateAwareHeads.FORMAT_VERSION,
            encoderSha,
            states,
            profiles,
            global,
            policy,
            adaptation,
            List.of(),
            null,
            evidence,
            symptoms,
            Map.of(),
            null,
            report);

    FailureAnalyzer analyzer = new FailureAnalyzer(heads);
    Map<FaultLabel, List<IncidentWindow>> incidents = incidents(analyzer, windows, roles);
    report.put("labeledIncidents", incidents.size());
    LocalizationRanker ranker = null;
    List<TaskHead> tasks = new ArrayList<>();
    if (!incidents.isEmpty()) {
      RankerFitter.Result ranked =
          RankerFitter.fit(
              incidents,
              w -> FailureAnalyzer.localizationFeatures(w.deviations(), w.window().slice()),
              w -> {
                List<RootCauseCandidate> unsupervised =
                    analyzer.rank(w.deviations(), w.window().slice());
                return unsupervised.isEmpty() ? null : unsupervised.get(0).service;
              });
      ranker = ranked.ranker();
      report.put("localization", ranked.report());
      // Task heads are fitted on windows ranked as online: by the fitted ranker.
      FailureAnalyzer withRanker =
          new FailureAnalyzer(with(heads, List.of(), ranker, profiles, global, policy));
      Map<FaultLabel, List<DiagnosedWindow>> diagnosed = new LinkedHashMap<>();
      incidents.forEach(
          (fault, incidentWindows) ->
              diagnosed.put(
                  fault,
                  incidentWindows.stream()
                      .map(
                          w ->
                              withRanker.diagnose(
                                  w.window().slice(), w.window().embedding(), w.deviations()))
                      .toList()));
      for (TaskHeadFitter headFitter : TaskHeadFitters.of(settings)) {
        TaskHeadFitter.Fitted fitted = headFitter.fit(diagnosed);
        report.put(headFitter.name(), fitted.report());
        if (fitted.head() != null) {
          tasks.add(fitted.head());
        }
      }
    }
    // Detection needs no labels: each system's firing score is the lowest its normal windows'
    // scores keep within the alert budget. Labels never move it (they would teach it the seen
    // types).
    List<ThresholdReplay.ScoredWindow> scored =
        trainingScores(
            heads,
            windows,
            states,
            profiles,
            references,
            global,
            globalReferences,
            fitter,
            adaptation);
    List<ThresholdReplay.ScoredWindow> normalScores = new ArrayList<>();
    for (ThresholdReplay.ScoredWindow window : scored) {
      if (roles.heldBack(window.system(), window.startMs(), window.endMs())) {
        normalScores.add(window);
      }
    }
    if (normalScores.isEmpty()) {
      // No share held back (or nothing calm in it): the normal windows' own scores, which flatter.
      for (ThresholdReplay.ScoredWindow window : scored) {
        if (roles.normal(window.system(), window.startMs(), window.endMs())) {
          normalScores.add(window);
        }
      }
    }
    AlertTailFitter.Fitted tails =
        AlertTailFitter.fit(normalScores, policy.firingWindows(), policy.resolvingWindows());
    StateAwareHeads tuned =
        new StateAwareHeads(
            heads.formatVersion(),
            heads.encoderSha256(),
            states,
            profiles,
            global,
            policy,
            adaptation,
            tasks,
            ranker,
            evidence,
            symptoms,
            tails.bySystem(),
            tails.pooled(),
            report);
    Map<String, Object> detection = new LinkedHashMap<>();
    detection.put("alertBudgetPerDay", settings.alertBudgetPerDay());
    detection.put("tails", tails.report());
    Map<String, Double> fireScores = new java.util.TreeMap<>();
    tails
        .bySystem()
        .keySet()
        .forEach(system -> fireScores.put(system, tuned.fireScore(system, global)));
    detection.put("fireScores", fireScores);
    detection.putAll(
        ThresholdReplay.report(
            scored,
            roles.faults(),
            system -> tuned.fireScore(system, global),
            policy.firingWindows(),
            settings));
    report.put("detection", detection);
    progress.printf(
        "tuned: %d states, %d labeled incidents, task heads %s, ranker %s, fire scores %s at %.1f"
            + " alerts/day%n",
        states.count(),
        incidents.size(),
        tasks.stream().map(TaskHead::name).toList(),
        ranker == null ? "deviation" : "supervised",
        fireScores,
        settings.alertBudgetPerDay());
    return tuned;
  }

  /**
   * The adaptation of the recent normals, its horizon and warm-up in windows of the data's slide
   * (the smallest step between a system's window starts); null when off.
   */
  private Adaptation adaptation(List<EmbeddedWindow> windows) {
    if (settings.adaptationHorizon().isZero()) {
      return null;
    }
    long slide = Long.MAX_VALUE;
    for (int i = 1; i < windows.size(); i++) {
      if (windows.get(i).system().equals(windows.get(i - 1).system())) {
        long step = windows.get(i).startMs() - windows.get(i - 1).startMs();
        if (step > 0) {
          slide = Math.min(slide, step);
        }
      }
    }
    if (slide == Long.MAX_VALUE) {
      slide = DEFAULT_SLIDE_MS;
    }
    return new Adaptation(
        (int) Math.max(1, settings.adaptationHorizon().toMillis() / slide),
        (int) Math.max(1, settings.adaptationWarmUp().toMillis() / slide),
        RECENT_SCALE_FLOOR);
  }

  /**
   * The most anomalous windows of every labeled incident, most anomalous first, with deviations
   * against the recent normals as the job would hold them (replayed over all windows in time
   * order).
   */
  private Map<FaultLabel, List<IncidentWindow>> incidents(
      FailureAnalyzer analyzer, List<EmbeddedWindow> windows, WindowRoles roles) {
    Map<FaultLabel, List<IncidentWindow>> incidents = new LinkedHashMap<>();
    Map<String, RecentNormals> recent = new java.util.HashMap<>();
    for (EmbeddedWindow window : windows) {
      RecentNormals lately = recent.computeIfAbsent(window.system(), s -> new RecentNormals());
      if (window.slice() != null) {
        for (FaultLabel fault :
            roles.incidents(window.system(), window.startMs(), window.endMs())) {
          FailureAnalyzer.Deviations deviations =
              analyzer.deviations(
                  window.embedding(),
                  analyzer.heads().states().assign(window.embedding().embedding()),
                  lately,
                  window.symptoms());
          incidents
              .computeIfAbsent(fault, f -> new ArrayList<>())
              .add(new IncidentWindow(fault, window, deviations, deviations.raw()));
        }
      }
      if (analyzer.heads().adaptation() != null) {
        // As online: anomalous windows (at the default firing score) are not learned.
        FailureAnalyzer.Deviations seen =
            analyzer.deviations(
                window.embedding(),
                analyzer.heads().states().assign(window.embedding().embedding()),
                lately,
                window.symptoms());
        boolean anomalous = seen.profile().calibration().score(seen.raw()) >= settings.fireScore();
        lately.observe(window.embedding(), analyzer.heads().adaptation(), anomalous);
      }
    }
    incidents.replaceAll(
        (fault, list) -> {
          List<IncidentWindow> sorted = new ArrayList<>(list);
          sorted.sort(
              Comparator.comparingDouble(
                      (IncidentWindow w) ->
                          Double.isNaN(w.raw()) ? Double.NEGATIVE_INFINITY : w.raw())
                  .reversed());
          return List.copyOf(
              sorted.subList(0, Math.min(settings.incidentWindows(), sorted.size())));
        });
    return incidents;
  }

  /**
   * Scores of every training window, each against references that are not its temporal neighbours
   * and against the recent normals and scores replayed over the windows in time order.
   */
  private List<ThresholdReplay.ScoredWindow> trainingScores(
      StateAwareHeads heads,
      List<EmbeddedWindow> windows,
      RuntimeStates states,
      List<StateProfile> profiles,
      List<List<EmbeddedWindow>> references,
      StateProfile global,
      List<EmbeddedWindow> globalReferences,
      ProfileFitter fitter,
      Adaptation adaptation) {
    List<ThresholdReplay.ScoredWindow> scored = new ArrayList<>(windows.size());
    Map<String, RecentNormals> recent = new java.util.HashMap<>();
    Map<String, RecentScores> smoothing = new java.util.HashMap<>();
    for (EmbeddedWindow window : windows) {
      RecentNormals lately =
          adaptation == null
              ? null
              : recent.computeIfAbsent(window.system(), s -> new RecentNormals());
      int state = states.assign(window.embedding().embedding()).state();
      boolean own = profiles.get(state) != null;
      StateProfile profile = own ? profiles.get(state) : global;
      NeighborReference reference = profile.system();
      double nearest =
          fitter.nearestOtherTime(
              reference, own ? references.get(state) : globalReferences, window);
      double systemDeviation =
          Double.isFinite(nearest) ? reference.distance().z(nearest) : Double.NaN;
      ProfileFitter.WindowParts parts =
          ProfileFitter.parts(
              profile, global, window, systemDeviation, lately, adaptation, heads.symptoms());
      RecentScores recentScores =
          smoothing.computeIfAbsent(window.system(), s -> new RecentScores());
      double score;
      if (!own) {
        score =
            profile
                .calibration()
                .score(
                    parts.smoothedRaw(
                        profile.mix(),
                        window.endMs(),
                        recentScores,
                        settings.smoothing().toMillis()));
      } else {
        // As the analyzer scores online: against the state and the global normal, the higher.
        double globalNearest = fitter.nearestOtherTime(global.system(), globalReferences, window);
        ProfileFitter.WindowParts globalParts =
            ProfileFitter.parts(
                global,
                global,
                window,
                Double.isFinite(globalNearest)
                    ? global.system().distance().z(globalNearest)
                    : Double.NaN,
                lately,
                adaptation,
                heads.symptoms());
        double[] raws =
            recentScores.smoothedRaws(
                window.endMs(),
                profile.mix().systemScore(parts.system()),
                profile.mix().serviceScores(parts.services(), parts.symptoms()),
                global.mix().systemScore(globalParts.system()),
                global.mix().serviceScores(globalParts.services(), globalParts.symptoms()),
                settings.smoothing().toMillis(),
                true);
        score = Math.max(profile.calibration().score(raws[0]), global.calibration().score(raws[1]));
      }
      scored.add(
          new ThresholdReplay.ScoredWindow(
              window.system(), window.startMs(), window.endMs(), score));
      if (lately != null) {
        lately.observe(window.embedding(), adaptation, score >= settings.fireScore());
      }
    }
    return scored;
  }

  private static StateAwareHeads with(
      StateAwareHeads heads,
      List<TaskHead> tasks,
      LocalizationRanker ranker,
      List<StateProfile> profiles,
      StateProfile global,
      DetectionPolicy policy) {
    return new StateAwareHeads(
        heads.formatVersion(),
        heads.encoderSha256(),
        heads.states(),
        profiles,
        global,
        policy,
        heads.adaptation(),
        tasks,
        ranker,
        heads.evidence(),
        heads.symptoms(),
        heads.alertTails(),
        heads.pooledAlertTail(),
        heads.report());
  }
}
