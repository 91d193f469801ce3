package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.state.StateAssignment;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies the state-aware task heads to one embedded slice: assigns its runtime state, scores how
 * far it is from that state's normal (system embedding against its normal neighbours, every service
 * embedding against the service's normal, normally present services that went missing, mixed with
 * every service's symptoms against its normal), and diagnoses it (root-cause ranking, each {@link
 * TaskHead}'s answer such as the failure type, evidence; every window or only anomalous ones, see
 * {@link DiagnosedWindows}). Immutable and thread-safe; keeps a dimension-major copy of the
 * neighbour references for the k-NN search.
 */
public final class FailureAnalyzer {

  /** Root-cause candidates kept per slice (evaluation scores top-5). */
  public static final int RANKED = 5;

  /** Services whose deviation leads the evidence. */
  static final int EVIDENCE_SERVICES = 3;

  static final int EVIDENCE_PER_MODALITY = 2;
  static final int EXEMPLARS = 5;

  /** Metric series and log templates per service considered as evidence. */
  public static final int NAMED_FEATURES = 64;

  /**
   * Latency symptom from which a callee of the first suspect counts as slow ({@link #calleeFirst}):
   * half the clip, a robust z of 3.
   */
  static final float SLOW_CALLEE = 0.5f;

  /** Most suspect first; equal scores in name order. */
  private static final Comparator<RootCauseCandidate> BY_SUSPICION =
      Comparator.comparingDouble((RootCauseCandidate c) -> c.score)
          .reversed()
          .thenComparing(c -> c.service);

  /** Which windows get a diagnosis (failure type, root causes, evidence, exemplar traces). */
  public enum DiagnosedWindows {
    /**
     * Only anomalous windows: an alert takes its diagnosis from the anomalous window it fires on,
     * so diagnosing calm windows is work no alert reads. Calm windows carry type {@link
     * TriageHead#UNKNOWN} and no root causes, evidence or exemplars.
     */
    ANOMALOUS,
    /** Every window, for offline scoring of windows the detector did not flag. */
    EVERY
  }

  private final StateAwareHeads heads;
  private final DiagnosedWindows diagnosed;
  private final EvidenceSelector evidence;
  private final SymptomNormals symptomNormals;

  /** Null: root causes are not ranked by recent traffic. */
  private final TrafficContrastSettings contrast;

  /** Null: firing scores are the tuned tails' alone. */
  private final LiveAlertTailSettings liveTail;

  private final List<KnownEdge> knownEdges;

  /** Per profile's neighbour reference (by identity), its layout for fast k-NN. */
  private final Map<NeighborReference, NeighborIndex> indexes = new IdentityHashMap<>();

  /** An analyzer that diagnoses every window. */
  public FailureAnalyzer(StateAwareHeads heads) {
    this(heads, DiagnosedWindows.EVERY);
  }

  public FailureAnalyzer(StateAwareHeads heads, DiagnosedWindows diagnosed) {
    this(heads, diagnosed, null);
  }

  /**
   * @param contrast how a window's traffic is contrasted with its system's recent calm traffic
   *     ({@link TrafficContrast}) for root-cause ranking; null: it is not
   */
  public FailureAnalyzer(
      StateAwareHeads heads, DiagnosedWindows diagnosed, TrafficContrastSettings contrast) {
    this(heads, diagnosed, contrast, null);
  }

  /**
   * @param liveTail how each system's alert tail keeps learning online ({@link LiveAlertTail});
   *     null: the tuned tails alone set the firing scores
   */
  public FailureAnalyzer(
      StateAwareHeads heads,
      DiagnosedWindows diagnosed,
      TrafficContrastSettings contrast,
      LiveAlertTailSettings liveTail) {
    this(heads, diagnosed, contrast, liveTail, List.of());
  }

  /**
   * @param knownEdges call paths declared in configuration, added to every diagnosed window's
   *     {@link ServiceGraph}
   */
  public FailureAnalyzer(
      StateAwareHeads heads,
      DiagnosedWindows diagnosed,
      TrafficContrastSettings contrast,
      LiveAlertTailSettings liveTail,
      List<KnownEdge> knownEdges) {
    this.heads = heads;
    this.knownEdges = List.copyOf(knownEdges);
    this.contrast = contrast;
    this.liveTail = liveTail;
    this.diagnosed = diagnosed;
    this.evidence = new EvidenceSelector(heads.evidence(), EVIDENCE_PER_MODALITY, NAMED_FEATURES);
    this.symptomNormals = new SymptomNormals(heads.evidence());
    List<StateProfile> profiles = new ArrayList<>(heads.profiles());
    profiles.add(heads.global());
    for (StateProfile profile : profiles) {
      if (profile != null) {
        indexes.computeIfAbsent(profile.system(), NeighborIndex::new);
      }
    }
  }

  public StateAwareHeads heads() {
    return heads;
  }

  /** How systems' alert tails keep learning online; null: they do not. */
  public LiveAlertTailSettings liveTail() {
    return liveTail;
  }

  /**
   * Per-service deviations and the system deviation of one slice in its state: of the embeddings
   * and of the services' symptoms.
   *
   * @param symptoms per service its symptom deviation ({@link SymptomScales}); empty without
   *     symptoms
   * @param metrics per service its {@link MetricDeviation}, unscaled; empty without symptoms
   */
  public record Deviations(
      StateAssignment assignment,
      StateProfile profile,
      double system,
      Map<String, Double> services,
      Map<String, float[]> embeddings,
      int unknownServices,
      Map<String, Double> symptoms,
      Map<String, Float> metrics) {

    /** The embedding deviation: the largest of the system's and every service's. */
    public double embeddingRaw() {
      double raw = system;
      for (double service : services.values()) {
        raw = Double.isNaN(raw) ? service : Math.max(raw, service);
      }
      return raw;
    }

    /**
     * Every service's score, its embedding and symptom deviations mixed as the state's profile
     * says.
     */
    public Map<String, Double> serviceScores() {
      return profile.mix().serviceScores(services, symptoms);
    }

    /** The system embedding's term of the raw score. */
    public double systemScore() {
      return profile.mix().systemScore(system);
    }

    /**
     * The window's own raw anomaly deviation, unsmoothed: its largest service score or system term.
     */
    public double raw() {
      return DetectionMix.largest(systemScore(), serviceScores());
    }
  }

  /**
   * Deviations of {@code embedding} from the normal of {@code assignment}'s state and, when given
   * and the heads adapt, from the system's {@code recent} normals; {@code symptoms} are the
   * window's ({@link FailureSymptoms#ofWindow}; null: none).
   */
  public Deviations deviations(
      SliceEmbedding embedding,
      StateAssignment assignment,
      RecentNormals recent,
      WindowSymptoms symptoms) {
    return deviations(embedding, assignment, heads.profile(assignment.state()), recent, symptoms);
  }

  /**
   * {@link #deviations(SliceEmbedding, StateAssignment, RecentNormals, WindowSymptoms)} from the
   * normal of {@code profile} (the state's, or the global one) instead of the state's.
   */
  public Deviations deviations(
      SliceEmbedding embedding,
      StateAssignment assignment,
      StateProfile profile,
      RecentNormals recent,
      WindowSymptoms symptoms) {
    Adaptation adaptation = heads.adaptation();
    RecentNormals used = adaptation == null ? null : recent;
    NeighborIndex index = indexes.get(profile.system());
    double system =
        index != null
            ? index.deviation(embedding.embedding())
            : profile.system().deviation(embedding.embedding());
    RecentNormal lately = used == null ? null : used.system(adaptation);
    if (lately != null) {
      double floor =
          Math.max(
              adaptation.scaleFloor(),
              ServiceDeviations.RECENT_SCALE_SHARE * profile.system().distance().scale());
      system = Math.min(system, lately.deviation(embedding.embedding(), floor));
    }
    ServiceDeviations services =
        ServiceDeviations.of(embedding, profile, heads.global(), used, adaptation);
    WindowSymptoms read = symptoms == null ? WindowSymptoms.none() : symptoms;
    return new Deviations(
        assignment,
        profile,
        system,
        services.deviations(),
        services.embeddings(),
        services.unknown(),
        heads.symptoms().deviations(embedding.system(), read),
        read.metrics());
  }

  /** The full assessment of one slice, without recent normals or scores (unsmoothed). */
  public SliceAssessment assess(SliceEmbedding embedding, RuntimeSlice slice) {
    return assess(embedding, slice, heads.states().assign(embedding.embedding()), null, null);
  }

  /**
   * The full assessment of one slice already assigned to a state, against its system's {@code
   * recent} normals (null: none), its raw score smoothed over the system's {@code scores} (null:
   * unsmoothed), which remember the window unless it is partial; the caller then lets {@code
   * recent} observe the window.
   */
  public SliceAssessment assess(
      SliceEmbedding embedding,
      RuntimeSlice slice,
      StateAssignment assignment,
      RecentNormals recent,
      RecentScores scores) {
    return assess(embedding, slice, assignment, recent, scores, null);
  }

  /**
   * {@link #assess(SliceEmbedding, RuntimeSlice, StateAssignment, RecentNormals, RecentScores)}
   * with the system's recent calm {@code traffic} (null: none), which the root-cause ranking
   * contrasts the window with when this analyzer was given contrast settings; the caller then lets
   * it learn the window if it is calm.
   */
  public SliceAssessment assess(
      SliceEmbedding embedding,
      RuntimeSlice slice,
      StateAssignment assignment,
      RecentNormals recent,
      RecentScores scores,
      RecentTraffic traffic) {
    return assess(embedding, slice, assignment, recent, scores, traffic, null);
  }

  /**
   * {@link #assess(SliceEmbedding, RuntimeSlice, StateAssignment, RecentNormals, RecentScores,
   * RecentTraffic)} with the system's {@code live} alert tail (null: none), which joins the tuned
   * tail in setting the firing score when this analyzer was given live tail settings; the caller
   * then lets it learn the window.
   */
  public SliceAssessment assess(
      SliceEmbedding embedding,
      RuntimeSlice slice,
      StateAssignment assignment,
      RecentNormals recent,
      RecentScores scores,
      RecentTraffic traffic,
      LiveAlertTail live) {
    return assess(embedding, slice, assignment, recent, scores, traffic, live, null);
  }

  /**
   * True when windows of {@code system} are scored by {@link NewSystemCalibration}: the heads were
   * never tuned on it, and this analyzer contrasts traffic and keeps live tails.
   */
  public boolean scoresAsNew(String system) {
    return contrast != null && liveTail != null && !heads.tunedOn(system);
  }

  /**
   * {@link #assess(SliceEmbedding, RuntimeSlice, StateAssignment, RecentNormals, RecentScores,
   * RecentTraffic, LiveAlertTail)} with the system's {@code calibration} for a system the heads
   * were never tuned on (null: none): then, see {@link #scoresAsNew}, its raw deviation is its
   * traffic contrast's largest change, its score that calibration's, its firing score its live
   * tail's alone, and its root causes the contrast's ranking; the caller then lets them learn the
   * window ({@link NewSystemCalibration#observe}).
   */
  public SliceAssessment assess(
      SliceEmbedding embedding,
      RuntimeSlice slice,
      StateAssignment assignment,
      RecentNormals recent,
      RecentScores scores,
      RecentTraffic traffic,
      LiveAlertTail live,
      NewSystemCalibration calibration) {
    if (calibration != null && scoresAsNew(slice.system)) {
      return assessNew(slice, assignment, traffic, live, calibration);
    }
    FailureSymptoms.OfWindow symptoms = FailureSymptoms.ofWindow(slice, symptomNormals);
    Map<String, Float> callerViews = symptoms.callerViews();
    Deviations deviations = deviations(embedding, assignment, recent, symptoms.symptoms());
    // A state refines the global normal, never hides from it: a window of a state with a profile
    // of its own is scored against both, and the higher calibrated score counts. A small state can
    // be mostly unlabeled failures (Nezha's telemetry has traces only around its faults), and its
    // own normal then calls them normal (docs/evaluation.md).
    Deviations global =
        deviations.profile() == heads.global() || heads.global() == null
            ? null
            : deviations(embedding, assignment, heads.global(), recent, symptoms.symptoms());
    SliceAssessment out = windowOf(slice, deviations.assignment());
    // Partial windows reach outside the data: scored, but not remembered as a system's recent
    // scores. One map of service scores serves the window's own raw score and the smoothed one.
    Map<String, Double> serviceScores = deviations.serviceScores();
    double systemScore = deviations.systemScore();
    Map<String, Double> globalServiceScores = global == null ? Map.of() : global.serviceScores();
    double globalSystemScore = global == null ? Double.NaN : global.systemScore();
    double windowRaw = DetectionMix.largest(systemScore, serviceScores);
    double globalWindowRaw = DetectionMix.largest(globalSystemScore, globalServiceScores);
    double[] raws =
        scores == null
            ? new double[] {windowRaw, globalWindowRaw}
            : scores.smoothedRaws(
                slice.windowEndMs,
                systemScore,
                serviceScores,
                globalSystemScore,
                globalServiceScores,
                heads.policy().smoothingMs(),
                !slice.partial);
    double stateScore = deviations.profile().calibration().score(raws[0]);
    double globalScore =
        global == null ? Double.NaN : global.profile().calibration().score(raws[1]);
    boolean globalLeads = globalScore > stateScore;
    if (globalLeads) {
      deviations = global;
    }
    StateProfile profile = deviations.profile();
    out.windowRawScore = globalLeads ? globalWindowRaw : windowRaw;
    out.rawScore = globalLeads ? raws[1] : raws[0];
    out.anomalyScore = globalLeads ? globalScore : stateScore;
    out.fireScore =
        liveTail == null || live == null
            ? heads.fireScore(slice.system, profile)
            : heads.fireScore(slice.system, profile, live, liveTail);
    out.anomalous = out.anomalyScore >= out.fireScore;
    out.unknownServices = deviations.unknownServices();
    if (!out.anomalous && diagnosed == DiagnosedWindows.ANOMALOUS) {
      out.failureType = TriageHead.UNKNOWN;
      out.failureProbability = 0;
      return out;
    }
    Map<String, ServiceSlice> byName = byName(slice);
    ServiceGraph graph = graph(slice, traffic);
    List<RootCauseCandidate> byModel = rank(deviations, slice, byName, graph, callerViews);
    TrafficContrast contrasted =
        contrast == null || traffic == null ? null : TrafficContrast.of(slice, traffic, contrast);
    List<RootCauseCandidate> ranked =
        contrasted == null ? byModel : RankFusion.fuse(byModel, contrasted);
    out.rootCauses = new ArrayList<>(ranked.subList(0, Math.min(RANKED, ranked.size())));
    answer(diagnosed(slice, embedding, deviations, byModel, callerViews), out);
    List<String> suspects = new ArrayList<>();
    for (int i = 0; i < Math.min(EVIDENCE_SERVICES, ranked.size()); i++) {
      suspects.add(ranked.get(i).service);
    }
    if (out.anomalous) {
      out.evidence = new ArrayList<>(evidence.select(slice, suspects));
      if (contrasted != null) {
        // What changed against the recent calm traffic leads: it is what an SRE checks first.
        out.evidence.addAll(0, contrasted.evidence());
      }
      out.dependencies = graph.exported();
    }
    out.exemplarTraceIds = exemplars(slice, suspects, byName);
    return out;
  }

  /**
   * Services ranked by the supervised ranker when there is one, else by {@link #unsupervisedScore}
   * with a slow callee of the first suspect put first ({@link #calleeFirst}), then the service the
   * first suspect's slowdown is a wait on ({@link CalleeWait#deepest}).
   */
  public List<RootCauseCandidate> rank(Deviations deviations, RuntimeSlice slice) {
    return rank(deviations, slice, callerViews(slice));
  }

  /**
   * {@link #rank(Deviations, RuntimeSlice)} with the slice's {@link #callerViews} already at hand.
   */
  public List<RootCauseCandidate> rank(
      Deviations deviations, RuntimeSlice slice, Map<String, Float> callerViews) {
    return rank(deviations, slice, byName(slice), ServiceGraph.ofWindow(slice), callerViews);
  }

  /**
   * The service graph of a diagnosed window: learned from the system's recent calm {@code traffic}
   * too when this analyzer contrasts traffic (null: the window's own call paths), with the declared
   * edges.
   */
  private ServiceGraph graph(RuntimeSlice slice, RecentTraffic traffic) {
    return contrast == null
        ? ServiceGraph.of(slice, null, null, knownEdges)
        : ServiceGraph.of(slice, traffic, contrast, knownEdges);
  }

  /** The names of the first {@code count} of {@code ranked}, or of all when fewer. */
  public static List<String> leading(List<RootCauseCandidate> ranked, int count) {
    List<String> out = new ArrayList<>(Math.min(count, ranked.size()));
    for (int i = 0; i < Math.min(count, ranked.size()); i++) {
      out.add(ranked.get(i).service);
    }
    return out;
  }

  private List<RootCauseCandidate> rank(
      Deviations deviations,
      RuntimeSlice slice,
      Map<String, ServiceSlice> byName,
      ServiceGraph graph,
      Map<String, Float> callerViews) {
    Map<String, Float> metrics = deviations.metrics();
    Map<String, double[]> features =
        heads.ranker() == null ? null : localizationFeatures(deviations, slice);
    List<RootCauseCandidate> ranked = new ArrayList<>(deviations.services().size());
    for (Map.Entry<String, Double> entry : deviations.services().entrySet()) {
      double score =
          features == null
              ? unsupervisedScore(
                  deviations,
                  entry.getKey(),
                  entry.getValue(),
                  metrics.getOrDefault(entry.getKey(), 0f))
              : heads.ranker().score(features.get(entry.getKey()));
      ranked.add(
          new RootCauseCandidate(entry.getKey(), instanceOf(byName.get(entry.getKey())), score));
    }
    ranked.sort(BY_SUSPICION);
    if (features == null) {
      calleeFirst(ranked, slice, byName, callerViews);
      waitedOnFirst(ranked, slice, graph, byName, deviations.services().keySet());
      callerSideFirst(ranked, slice, graph, byName, deviations.services().keySet());
    }
    return ranked;
  }

  /**
   * Puts first the caller {@link CallerSideDelay#callerOf} names for the first suspect: a service
   * suspected for how slow one caller timed it, which is slow on its own side, passes the blame up.
   */
  private void callerSideFirst(
      List<RootCauseCandidate> ranked,
      RuntimeSlice slice,
      ServiceGraph graph,
      Map<String, ServiceSlice> byName,
      Set<String> scored) {
    if (ranked.size() >= 2) {
      toFront(
          ranked,
          CallerSideDelay.callerOf(
              ranked.get(0).service,
              graph,
              byName::get,
              service -> symptomNormals.service(slice.system, service),
              scored));
    }
  }

  /** Moves {@code service} (null: none) to the front of {@code ranked} when it is there. */
  private static void toFront(List<RootCauseCandidate> ranked, String service) {
    for (int i = 1; service != null && i < ranked.size(); i++) {
      if (ranked.get(i).service.equals(service)) {
        ranked.add(0, ranked.remove(i));
        return;
      }
    }
  }

  /**
   * Puts first the service {@link CalleeWait#deepest} reaches from the first suspect: a suspect
   * slow only because it waits on a callee passes the blame down, as far as the wait explains.
   */
  private void waitedOnFirst(
      List<RootCauseCandidate> ranked,
      RuntimeSlice slice,
      ServiceGraph graph,
      Map<String, ServiceSlice> byName,
      Set<String> scored) {
    if (ranked.size() < 2) {
      return;
    }
    toFront(
        ranked,
        CalleeWait.deepest(
            ranked.get(0).service,
            graph,
            byName::get,
            service -> symptomNormals.service(slice.system, service),
            scored));
  }

  /**
   * Swaps the first two suspects when the first calls the second and the second is slow: its
   * latency symptom, its own or as its callers saw it, at least {@link #SLOW_CALLEE}. A service
   * waiting on a slow callee shows the callee's failure as latency of its own, often with more
   * threads and retries on top, and so can outscore it (a slow database's caller); the deeper of
   * the two is the likelier cause. Only the unsupervised rule does this: the ranker reads the
   * difference to the largest callee itself.
   */
  private void calleeFirst(
      List<RootCauseCandidate> ranked,
      RuntimeSlice slice,
      Map<String, ServiceSlice> byName,
      Map<String, Float> callerViews) {
    if (ranked.size() < 2) {
      return;
    }
    ServiceSlice first = byName.get(ranked.get(0).service);
    String second = ranked.get(1).service;
    // The second's symptoms only when the first calls it: most windows never need them.
    if (first != null && first.traces != null && first.traces.callees.containsKey(second)) {
      calleeFirst(ranked, first, symptoms(slice, second, callerViews));
    }
  }

  /**
   * {@link #calleeFirst} given the first suspect's slice (null: none) and the second's symptoms.
   */
  static void calleeFirst(
      List<RootCauseCandidate> ranked, ServiceSlice first, float[] secondSymptoms) {
    if (ranked.size() < 2
        || first == null
        || first.traces == null
        || !first.traces.callees.containsKey(ranked.get(1).service)) {
      return;
    }
    if (FailureSymptoms.latency(secondSymptoms) >= SLOW_CALLEE) {
      ranked.add(0, ranked.remove(1));
    }
  }

  /**
   * A service's suspicion without a supervised ranker: its embedding and symptom deviations mixed
   * as the window's anomaly score mixes them, plus its {@link MetricDeviation} at {@link
   * MetricDeviation#RANKING_WEIGHT}, so among the services that made the window anomalous the one
   * whose own metrics moved most comes first.
   */
  public static double unsupervisedScore(
      Deviations deviations, String service, double embeddingDeviation, double metricDeviation) {
    Double symptom = deviations.symptoms().get(service);
    return deviations
            .profile()
            .mix()
            .combine(embeddingDeviation, symptom == null ? Double.NaN : symptom)
        + MetricDeviation.RANKING_WEIGHT * metricDeviation;
  }

  /** The {@link LocalizationFeatures} of every scored service of a window. */
  public static Map<String, double[]> localizationFeatures(
      Deviations deviations, RuntimeSlice slice) {
    return LocalizationFeatures.of(
        deviations.services(), deviations.symptoms(), deviations.metrics(), slice);
  }

  /**
   * The slice's services by name, the first of equal names as {@link RuntimeSlice#service} finds
   * it: that lookup is a scan, and ranking does one per service.
   */
  private static Map<String, ServiceSlice> byName(RuntimeSlice slice) {
    Map<String, ServiceSlice> byName = new HashMap<>();
    for (ServiceSlice service : slice.services) {
      byName.putIfAbsent(service.service, service);
    }
    return byName;
  }

  /** {@link FailureSymptoms#callerViews} of a slice against this analyzer's normals. */
  public Map<String, Float> callerViews(RuntimeSlice slice) {
    return FailureSymptoms.callerViews(slice, symptomNormals);
  }

  /**
   * {@code slice} as task heads read it, with its {@code deviations} in its state: ranked by the
   * model's own deviations (no traffic contrast), as heads are fitted and asked online.
   */
  public DiagnosedWindow diagnose(
      RuntimeSlice slice, SliceEmbedding embedding, Deviations deviations) {
    Map<String, Float> callerViews = callerViews(slice);
    return diagnosed(
        slice, embedding, deviations, rank(deviations, slice, callerViews), callerViews);
  }

  private DiagnosedWindow diagnosed(
      RuntimeSlice slice,
      SliceEmbedding embedding,
      Deviations deviations,
      List<RootCauseCandidate> byModel,
      Map<String, Float> callerViews) {
    return new DiagnosedWindow(
        slice,
        embedding,
        deviations,
        byModel,
        service -> symptoms(slice, service, callerViews),
        service ->
            ServiceDeviations.normal(deviations.profile(), heads.global(), slice.system, service));
  }

  /**
   * Every task head's answer about {@code window} into {@code out}; the triage head's is also the
   * failure type.
   */
  private void answer(DiagnosedWindow window, SliceAssessment out) {
    for (TaskHead head : heads.tasks()) {
      out.answers.put(head.name(), head.answer(window));
    }
    HeadAnswer triage = out.answers.get(TriageHead.NAME);
    out.failureType = triage == null ? TriageHead.UNKNOWN : triage.label;
    out.failureProbability = triage == null ? 0 : triage.probability;
  }

  private float[] symptoms(RuntimeSlice slice, String service, Map<String, Float> callerViews) {
    return FailureSymptoms.of(
        slice.service(service),
        slice.windowEndMs - slice.windowStartMs,
        symptomNormals.service(slice.system, service),
        callerViews.getOrDefault(service, 0f));
  }

  /** An assessment of {@code slice}'s window in {@code assignment}'s state, not scored yet. */
  private static SliceAssessment windowOf(RuntimeSlice slice, StateAssignment assignment) {
    SliceAssessment out = new SliceAssessment();
    out.system = slice.system;
    out.windowStartMs = slice.windowStartMs;
    out.windowEndMs = slice.windowEndMs;
    out.partial = slice.partial;
    out.state = assignment.state();
    out.stateDistance = assignment.distance();
    out.novelState = assignment.novel();
    return out;
  }

  /**
   * A window of a system the heads were never tuned on, scored against its own recent telemetry
   * alone.
   */
  private SliceAssessment assessNew(
      RuntimeSlice slice,
      StateAssignment assignment,
      RecentTraffic traffic,
      LiveAlertTail live,
      NewSystemCalibration calibration) {
    SliceAssessment out = windowOf(slice, assignment);
    TrafficContrast contrasted = TrafficContrast.of(slice, traffic, contrast);
    out.windowRawScore = NewSystemCalibration.raw(contrasted);
    out.rawScore = out.windowRawScore;
    out.anomalyScore = calibration.score(out.rawScore, liveTail);
    out.fireScore =
        live != null && live.warm(liveTail)
            ? AlertTail.score(live.fireNines)
            : AlertTail.score(AlertTail.MAX_NINES);
    out.anomalous = out.anomalyScore >= out.fireScore;
    out.unknownServices = slice.services.size();
    out.failureType = TriageHead.UNKNOWN;
    out.failureProbability = 0;
    if (!out.anomalous && diagnosed == DiagnosedWindows.ANOMALOUS) {
      return out;
    }
    Map<String, ServiceSlice> byName = byName(slice);
    List<RootCauseCandidate> ranked = new ArrayList<>();
    List<String> names = contrasted.ranked();
    for (int i = 0; i < names.size(); i++) {
      ranked.add(
          new RootCauseCandidate(
              names.get(i), instanceOf(byName.get(names.get(i))), 1.0 / (i + 1)));
    }
    out.rootCauses = new ArrayList<>(ranked.subList(0, Math.min(RANKED, ranked.size())));
    if (out.anomalous) {
      out.evidence = new ArrayList<>(contrasted.evidence());
      out.dependencies = graph(slice, traffic).exported();
    }
    out.exemplarTraceIds = exemplars(slice, leading(ranked, EVIDENCE_SERVICES), byName);
    return out;
  }

  private static String instanceOf(ServiceSlice service) {
    return service != null && service.instances.size() == 1 ? service.instances.get(0) : null;
  }

  /** The first {@link #EXEMPLARS} distinct trace ids of the suspects, then of every service. */
  private static List<String> exemplars(
      RuntimeSlice slice, List<String> suspects, Map<String, ServiceSlice> byName) {
    // Stops at the first few distinct ids instead of collecting every service's.
    Set<String> ids = new LinkedHashSet<>();
    for (String suspect : suspects) {
      ServiceSlice service = byName.get(suspect);
      if (service != null
          && service.traces != null
          && addUntilFull(ids, service.traces.exemplarTraceIds)) {
        return new ArrayList<>(ids);
      }
    }
    for (ServiceSlice service : slice.services) {
      if (service.traces != null && addUntilFull(ids, service.traces.exemplarTraceIds)) {
        break;
      }
    }
    return new ArrayList<>(ids);
  }

  /** Adds {@code more} in order until {@code ids} holds {@link #EXEMPLARS}; true once it does. */
  private static boolean addUntilFull(Set<String> ids, List<String> more) {
    for (String id : more) {
      if (ids.size() == EXEMPLARS) {
        return true;
      }
      ids.add(id);
    }
    return ids.size() == EXEMPLARS;
  }
}
