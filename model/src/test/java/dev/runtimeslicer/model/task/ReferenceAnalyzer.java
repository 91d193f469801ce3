package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.embedding.ServiceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import dev.runtimeslicer.model.state.StateAssignment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@link FailureAnalyzer#assess} as it was before it was tuned for speed (December 2026), in
 * straightforward form with its own vector arithmetic (one running double sum), so tests can show
 * the fast heads give the same assessments. Evidence selection, calibration and the ranker's linear
 * score are the production ones (they were not changed). Distances take component differences in
 * float, as before, or in double, as {@link dev.runtimeslicer.model.state.Vectors} now does.
 */
public final class ReferenceAnalyzer {

  private final StateAwareHeads heads;
  private final EvidenceSelector evidence;
  private final boolean floatDifferences;

  public ReferenceAnalyzer(StateAwareHeads heads, boolean floatDifferences) {
    this.heads = heads;
    this.floatDifferences = floatDifferences;
    // Without heads, only its distance is of use.
    this.evidence =
        heads == null
            ? null
            : new EvidenceSelector(
                heads.evidence(),
                FailureAnalyzer.EVIDENCE_PER_MODALITY,
                FailureAnalyzer.NAMED_FEATURES);
  }

  public StateAssignment assign(float[] embedding) {
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    float[][] centroids = heads.states().centroids();
    double[] radii = heads.states().radii();
    for (int i = 0; i < centroids.length; i++) {
      double d = distance(embedding, centroids[i]);
      if (d < bestDistance) {
        bestDistance = d;
        best = i;
      }
    }
    return new StateAssignment(best, bestDistance, bestDistance > radii[best]);
  }

  public SliceAssessment assess(
      SliceEmbedding embedding,
      RuntimeSlice slice,
      StateAssignment assignment,
      RecentNormals recent) {
    StateProfile own = heads.profile(assignment.state());
    SliceAssessment ofState = assess(embedding, slice, assignment, recent, own);
    if (own == heads.global()) {
      return ofState;
    }
    // The state refines the global normal, never hides from it: the higher score counts.
    SliceAssessment ofGlobal = assess(embedding, slice, assignment, recent, heads.global());
    return ofGlobal.anomalyScore > ofState.anomalyScore ? ofGlobal : ofState;
  }

  private SliceAssessment assess(
      SliceEmbedding embedding,
      RuntimeSlice slice,
      StateAssignment assignment,
      RecentNormals recent,
      StateProfile profile) {
    Adaptation adaptation = heads.adaptation();
    RecentNormals used = adaptation == null ? null : recent;
    double system =
        profile.system().distance().z(meanNearest(profile.system(), embedding.embedding()));
    RecentNormal lately = used == null ? null : used.system(adaptation);
    if (lately != null) {
      double floor =
          Math.max(
              adaptation.scaleFloor(),
              ServiceDeviations.RECENT_SCALE_SHARE * profile.system().distance().scale());
      system = Math.min(system, recentDeviation(lately, embedding.embedding(), floor));
    }
    Map<String, Double> deviations = new HashMap<>();
    Map<String, float[]> embeddings = new HashMap<>();
    int unknown = 0;
    for (ServiceEmbedding service : embedding.services()) {
      ServiceNormal normal = normal(profile, embedding.system(), service.service());
      if (normal == null) {
        unknown++;
        continue;
      }
      double deviation = normal.distance().z(distance(service.embedding(), normal.mean()));
      RecentNormal recentService =
          used == null ? null : used.service(service.service(), adaptation);
      if (recentService != null) {
        double floor =
            Math.max(
                adaptation.scaleFloor(),
                ServiceDeviations.RECENT_SCALE_SHARE * normal.distance().scale());
        deviation = Math.min(deviation, recentDeviation(recentService, service.embedding(), floor));
      }
      deviations.put(service.service(), deviation);
      embeddings.put(service.service(), service.embedding());
    }
    if (embedding.truncatedServices() == 0) {
      for (Map.Entry<String, ServiceNormal> entry :
          profile.services().getOrDefault(embedding.system(), Map.of()).entrySet()) {
        if (entry.getValue().presence() >= ServiceDeviations.EXPECTED_PRESENCE
            && !embeddings.containsKey(entry.getKey())) {
          deviations.put(entry.getKey(), ServiceDeviations.ABSENT_DEVIATION);
        }
      }
    }
    SliceAssessment out = new SliceAssessment();
    out.system = slice.system;
    out.windowStartMs = slice.windowStartMs;
    out.windowEndMs = slice.windowEndMs;
    out.partial = slice.partial;
    out.state = assignment.state();
    out.stateDistance = assignment.distance();
    out.novelState = assignment.novel();
    Map<String, Double> symptoms = symptomDeviations(slice);
    // The largest of the system term and every service's mixed score (unsmoothed: one window).
    double raw = profile.mix().combine(system, Double.NaN);
    Set<String> scored = new LinkedHashSet<>(deviations.keySet());
    scored.addAll(symptoms.keySet());
    for (String service : scored) {
      Double embeddingDeviation = deviations.get(service);
      Double symptom = symptoms.get(service);
      double score =
          profile
              .mix()
              .combine(
                  embeddingDeviation == null ? Double.NaN : embeddingDeviation,
                  symptom == null ? Double.NaN : symptom);
      raw = Double.isNaN(raw) ? score : Double.isNaN(score) ? raw : Math.max(raw, score);
    }
    out.rawScore = raw;
    out.anomalyScore = profile.calibration().score(raw);
    out.fireScore = heads.fireScore(slice.system, profile);
    out.anomalous = out.anomalyScore >= out.fireScore;
    out.unknownServices = unknown;
    List<RootCauseCandidate> ranked = rank(profile, deviations, symptoms, slice);
    out.rootCauses =
        new ArrayList<>(ranked.subList(0, Math.min(FailureAnalyzer.RANKED, ranked.size())));
    if (heads.task(TriageHead.NAME) instanceof TriageHead head) {
      List<float[]> leading = new ArrayList<>();
      for (RootCauseCandidate suspect :
          ranked.subList(0, Math.min(head.suspects(), ranked.size()))) {
        leading.add(
            FailureSymptoms.of(
                slice.service(suspect.service),
                slice.windowEndMs - slice.windowStartMs,
                heads.evidence().of(slice.system, suspect.service),
                callerViews(slice).getOrDefault(suspect.service, 0f)));
      }
      float[] features;
      if (ranked.isEmpty()) {
        features =
            TriageFeatures.of(
                null, null, null, leading, embedding.embedding().length, head.embeddingWeight());
      } else {
        String first = ranked.get(0).service;
        ServiceNormal normal = normal(profile, slice.system, first);
        features =
            TriageFeatures.of(
                embeddings.get(first),
                normal == null ? null : normal.mean(),
                leading.get(0),
                leading,
                embedding.embedding().length,
                head.embeddingWeight());
      }
      classify(head, features, out);
    } else {
      out.failureType = TriageHead.UNKNOWN;
      out.failureProbability = 0;
    }
    List<String> suspects = new ArrayList<>();
    for (int i = 0; i < Math.min(FailureAnalyzer.EVIDENCE_SERVICES, ranked.size()); i++) {
      suspects.add(ranked.get(i).service);
    }
    if (out.anomalous) {
      out.evidence = new ArrayList<>(evidence.select(slice, suspects));
    }
    out.exemplarTraceIds = exemplars(slice, suspects);
    return out;
  }

  private ServiceNormal normal(StateProfile profile, String system, String service) {
    ServiceNormal normal = profile.service(system, service);
    return normal != null || heads.global() == null
        ? normal
        : heads.global().service(system, service);
  }

  private double meanNearest(NeighborReference reference, float[] embedding) {
    double[] distances = new double[reference.embeddings().length];
    for (int i = 0; i < distances.length; i++) {
      distances[i] = distance(embedding, reference.embeddings()[i]);
    }
    Arrays.sort(distances);
    int used = Math.min(reference.neighbors(), distances.length);
    double sum = 0;
    for (int i = 0; i < used; i++) {
      sum += distances[i];
    }
    return sum / used;
  }

  private double recentDeviation(RecentNormal normal, float[] embedding, double floor) {
    return (distance(embedding, normal.mean) - normal.distanceMean)
        / Math.max(Math.sqrt(normal.distanceVariance), floor);
  }

  private List<RootCauseCandidate> rank(
      StateProfile profile,
      Map<String, Double> deviations,
      Map<String, Double> symptoms,
      RuntimeSlice slice) {
    Map<String, Double> metrics = metricDeviations(slice);
    Map<String, Double> maxCallee = new HashMap<>();
    Map<String, Double> maxCalleeSymptom = new HashMap<>();
    Map<String, Double> maxCalleeMetric = new HashMap<>();
    Map<String, Double> maxCaller = new HashMap<>();
    for (ServiceSlice caller : slice.services) {
      if (caller.traces == null) {
        continue;
      }
      Double callerDeviation = deviations.get(caller.service);
      for (String callee : caller.traces.callees.keySet()) {
        if (callee.equals(caller.service)) {
          continue;
        }
        Double calleeDeviation = deviations.get(callee);
        if (calleeDeviation != null && callerDeviation != null) {
          maxCallee.merge(caller.service, calleeDeviation, Math::max);
          maxCalleeSymptom.merge(caller.service, symptoms.getOrDefault(callee, 0.0), Math::max);
          maxCalleeMetric.merge(caller.service, metrics.getOrDefault(callee, 0.0), Math::max);
        }
        if (callerDeviation != null) {
          maxCaller.merge(callee, callerDeviation, Math::max);
        }
      }
    }
    List<RootCauseCandidate> ranked = new ArrayList<>();
    for (Map.Entry<String, Double> entry : deviations.entrySet()) {
      double z = entry.getValue();
      Double callee = maxCallee.get(entry.getKey());
      Double caller = maxCaller.get(entry.getKey());
      double symptom = symptoms.getOrDefault(entry.getKey(), 0.0);
      Double calleeSymptom = maxCalleeSymptom.get(entry.getKey());
      double metric = metrics.getOrDefault(entry.getKey(), 0.0);
      Double calleeMetric = maxCalleeMetric.get(entry.getKey());
      double[] features = {
        z,
        callee == null ? z : z - callee,
        caller == null ? 0 : caller,
        symptom,
        calleeSymptom == null ? symptom : symptom - calleeSymptom,
        metric,
        calleeMetric == null ? metric : metric - calleeMetric
      };
      double score =
          profile.mix().combine(z, symptoms.containsKey(entry.getKey()) ? symptom : Double.NaN)
              + MetricDeviation.RANKING_WEIGHT * metric;
      if (heads.ranker() != null) {
        score = heads.ranker().bias();
        for (int i = 0; i < features.length; i++) {
          score += heads.ranker().weights()[i] * features[i];
        }
      }
      ServiceSlice service = slice.service(entry.getKey());
      String instance =
          service != null && service.instances.size() == 1 ? service.instances.get(0) : null;
      ranked.add(new RootCauseCandidate(entry.getKey(), instance, score));
    }
    ranked.sort(
        Comparator.comparingDouble((RootCauseCandidate c) -> c.score)
            .reversed()
            .thenComparing(c -> c.service));
    if (heads.ranker() == null && ranked.size() >= 2) {
      // A slow callee of the first suspect comes first.
      ServiceSlice first = slice.service(ranked.get(0).service);
      String second = ranked.get(1).service;
      float[] calleeSymptoms =
          FailureSymptoms.of(
              slice.service(second),
              slice.windowEndMs - slice.windowStartMs,
              heads.evidence().of(slice.system, second),
              callerViews(slice).getOrDefault(second, 0f));
      float latency =
          Math.max(
              calleeSymptoms[FailureSymptoms.GENERIC.indexOf("traces:latency p50 (ms)")],
              calleeSymptoms[FailureSymptoms.GENERIC.indexOf("traces:latency p99 (ms)")]);
      if (first != null
          && first.traces != null
          && first.traces.callees.containsKey(second)
          && latency >= FailureAnalyzer.SLOW_CALLEE) {
        ranked.add(0, ranked.remove(1));
      }
      // Then the service the first suspect's slowdown is a wait on (the production rule).
      String deepest =
          CalleeWait.deepest(
              ranked.get(0).service,
              ServiceGraph.ofWindow(slice),
              slice::service,
              name -> SymptomNormals.layOut(heads.evidence().of(slice.system, name)),
              deviations.keySet());
      for (int i = 1; i < ranked.size(); i++) {
        if (ranked.get(i).service.equals(deepest)) {
          ranked.add(0, ranked.remove(i));
          break;
        }
      }
      // Then the caller slow on its own side (the production rule).
      String caller =
          CallerSideDelay.callerOf(
              ranked.get(0).service,
              ServiceGraph.ofWindow(slice),
              slice::service,
              name -> SymptomNormals.layOut(heads.evidence().of(slice.system, name)),
              deviations.keySet());
      for (int i = 1; caller != null && i < ranked.size(); i++) {
        if (ranked.get(i).service.equals(caller)) {
          ranked.add(0, ranked.remove(i));
          break;
        }
      }
    }
    return ranked;
  }

  private static void classify(TriageHead head, float[] features, SliceAssessment out) {
    float[] unit = unit(features);
    double[] p = new double[head.prototypes().length];
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < p.length; i++) {
      p[i] = dot(unit, head.prototypes()[i]) / head.temperature();
      max = Math.max(max, p[i]);
    }
    double sum = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] = Math.exp(p[i] - max);
      sum += p[i];
    }
    int best = 0;
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
      if (p[i] > p[best]) {
        best = i;
      }
    }
    out.failureType =
        p[best] >= head.minProbability() ? head.types().get(best) : TriageHead.UNKNOWN;
    out.failureProbability = p[best];
    out.answers.put(TriageHead.NAME, new HeadAnswer(out.failureType, out.failureProbability));
  }

  private static List<String> exemplars(RuntimeSlice slice, List<String> suspects) {
    Set<String> ids = new LinkedHashSet<>();
    for (String suspect : suspects) {
      ServiceSlice service = slice.service(suspect);
      if (service != null && service.traces != null) {
        ids.addAll(service.traces.exemplarTraceIds);
      }
    }
    for (ServiceSlice service : slice.services) {
      if (service.traces != null) {
        ids.addAll(service.traces.exemplarTraceIds);
      }
    }
    return new ArrayList<>(ids).subList(0, Math.min(FailureAnalyzer.EXEMPLARS, ids.size()));
  }

  double distance(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = floatDifferences ? a[i] - b[i] : (double) a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  private static float[] minus(float[] a, float[] b) {
    float[] out = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      out[i] = a[i] - b[i];
    }
    return out;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  private static float[] unit(float[] a) {
    double norm = Math.sqrt(dot(a, a));
    float[] out = new float[a.length];
    if (norm == 0) {
      return out;
    }
    for (int i = 0; i < a.length; i++) {
      out[i] = (float) (a[i] / norm);
    }
    return out;
  }

  /** Symptom deviations of the slice's services that have a scale, straightforwardly. */
  /**
   * Per callee the largest clipped z of a caller's mean call duration, by the callers' full feature
   * keys.
   */
  private Map<String, Float> callerViews(RuntimeSlice slice) {
    Map<String, Float> out = new HashMap<>();
    for (dev.runtimeslicer.model.slice.ServiceSlice caller : slice.services) {
      if (caller.traces == null) {
        continue;
      }
      Map<String, RobustScale> normals = heads.evidence().of(slice.system, caller.service);
      caller.traces.callees.forEach(
          (callee, call) -> {
            RobustScale normal =
                normals.get(PlainFeatures.TRACES + ":" + PlainFeatures.CALL_MS_TO + callee);
            if (call.meanMs > 0 && call.calls >= PlainFeatures.MIN_TIMED_CALLS && normal != null) {
              float z =
                  (float)
                      (Math.max(
                              -FailureSymptoms.CLIP,
                              Math.min(FailureSymptoms.CLIP, normal.z(call.meanMs)))
                          / FailureSymptoms.CLIP);
              if (z > out.getOrDefault(callee, 0f)) {
                out.put(callee, z);
              }
            }
          });
    }
    return out;
  }

  /** Per service, log(1 + largest |z|) of its metric series against the normals by feature key. */
  private Map<String, Double> metricDeviations(RuntimeSlice slice) {
    Map<String, Double> out = new HashMap<>();
    for (ServiceSlice service : slice.services) {
      if (out.containsKey(service.service)) {
        continue;
      }
      Map<String, RobustScale> normals = heads.evidence().of(slice.system, service.service);
      double largest = 0;
      for (Map.Entry<String, dev.runtimeslicer.model.slice.MetricFeatures> metric :
          service.metrics.entrySet()) {
        RobustScale normal = normals.get(PlainFeatures.METRICS + ":" + metric.getKey());
        if (normal != null && Double.isFinite(metric.getValue().mean)) {
          largest = Math.max(largest, Math.abs(normal.z(metric.getValue().mean)));
        }
      }
      // Kept as a float beside the severities, as the heads keep it.
      out.put(service.service, (double) (float) Math.log1p(largest));
    }
    return out;
  }

  private Map<String, Double> symptomDeviations(RuntimeSlice slice) {
    Map<String, Double> scales = heads.symptoms().scales().get(slice.system);
    Map<String, Double> metricScales =
        heads.symptoms().metricScales().getOrDefault(slice.system, Map.of());
    Map<String, Double> metrics = metricDeviations(slice);
    Map<String, Double> out = new HashMap<>();
    for (dev.runtimeslicer.model.slice.ServiceSlice service : slice.services) {
      if (out.containsKey(service.service)
          || scales == null
          || !scales.containsKey(service.service)) {
        continue;
      }
      float[] symptoms =
          FailureSymptoms.of(
              service,
              slice.windowEndMs - slice.windowStartMs,
              heads.evidence().of(slice.system, service.service),
              callerViews(slice).getOrDefault(service.service, 0f));
      double deviation = FailureSymptoms.severity(symptoms) / scales.get(service.service);
      Double metricScale = metricScales.get(service.service);
      out.put(
          service.service,
          metricScale == null
              ? deviation
              : Math.max(deviation, metrics.get(service.service) / metricScale));
    }
    return out;
  }
}
