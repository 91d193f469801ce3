package dev.runtimeslicer.training.tuning;

import dev.runtimeslicer.model.embedding.ServiceEmbedding;
import dev.runtimeslicer.model.state.Vectors;
import dev.runtimeslicer.model.task.Adaptation;
import dev.runtimeslicer.model.task.DetectionMix;
import dev.runtimeslicer.model.task.NeighborReference;
import dev.runtimeslicer.model.task.RecentNormal;
import dev.runtimeslicer.model.task.RecentNormals;
import dev.runtimeslicer.model.task.RecentScores;
import dev.runtimeslicer.model.task.RobustScale;
import dev.runtimeslicer.model.task.ServiceDeviations;
import dev.runtimeslicer.model.task.ServiceNormal;
import dev.runtimeslicer.model.task.StateProfile;
import dev.runtimeslicer.model.task.SymptomScales;
import dev.runtimeslicer.model.task.TailCalibration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits what normal looks like in one runtime state (or over all states, the global profile) from
 * its normal windows: the k-NN reference of system embeddings, each service's normal, and the score
 * calibration. The normals come from each system's earlier normal windows and the calibration from
 * its later ones, scored against them: what the score has to judge online is a later window, which
 * has drifted from the training data, never a training window itself. Windows near each other in
 * time are never each other's neighbours (windows overlap: a window has a near twin 10 s away,
 * which a window of another day does not). With adaptation, calibration replays the recent normals
 * over all of a system's normal windows in time order, as the job keeps them online.
 */
final class ProfileFitter {

  /** Distances are at least this spread, so identical normal windows do not make noise infinite. */
  private static final double ABSOLUTE_FLOOR = 1e-3;

  /** Windows sampled per profile to scale the k-NN distance. */
  private static final int SCALE_WINDOWS = 3000;

  /** A system with fewer normal windows calibrates on all of them (in sample). */
  private static final int MIN_SPLIT_WINDOWS = 20;

  /**
   * With body scales, the top of the body whose spread sets a scale: a fifth of a system's normal
   * windows may be unlabeled failures (20 faults of a few minutes in a day of a 10-service system
   * cover about a tenth) before they move it.
   */
  static final double BODY_TOP = 0.8;

  /** With body scales, the score's exponential tail begins at the body's top. */
  private static final double BODY_TAIL_SHARE = 1 - BODY_TOP;

  /**
   * Mix scales are at least this, so a state whose deviations are all zero still divides by
   * something.
   */
  private static final double MIX_SCALE_FLOOR = 1e-3;

  private final TuningSettings settings;
  private final Adaptation adaptation;
  private final SymptomScales symptoms;

  /**
   * @param adaptation recent normals to calibrate with, or null for none
   * @param symptoms scales of the windows' symptom severities
   */
  ProfileFitter(TuningSettings settings, Adaptation adaptation, SymptomScales symptoms) {
    this.settings = settings;
    this.adaptation = adaptation;
    this.symptoms = symptoms;
  }

  /**
   * A profile and the windows of its k-NN reference (the tuner scores training windows against
   * them).
   */
  record Fitted(StateProfile profile, List<EmbeddedWindow> references) {}

  /**
   * The profile of {@code windows} (sorted by system and time); {@code global} is the fallback, or
   * null when fitting it; {@code allNormal} are every system's normal windows in time order, which
   * the recent normals observe.
   */
  Fitted fit(List<EmbeddedWindow> windows, StateProfile global, List<EmbeddedWindow> allNormal) {
    List<EmbeddedWindow> earlier = new ArrayList<>();
    List<EmbeddedWindow> later = new ArrayList<>();
    split(windows, earlier, later);
    List<EmbeddedWindow> references = evenly(earlier, settings.referencesPerState());
    float[][] referenceEmbeddings = new float[references.size()][];
    for (int i = 0; i < references.size(); i++) {
      referenceEmbeddings[i] = references.get(i).embedding().embedding();
    }
    Map<String, Map<String, ServiceNormal>> services = serviceNormals(earlier);
    NeighborReference unscaled =
        new NeighborReference(referenceEmbeddings, settings.neighbors(), new RobustScale(0, 1));
    List<EmbeddedWindow> scaleSample = evenly(earlier, SCALE_WINDOWS);
    double[] nearest = new double[scaleSample.size()];
    for (int i = 0; i < scaleSample.size(); i++) {
      nearest[i] = nearestOtherTime(unscaled, references, scaleSample.get(i));
    }
    double[] finite = java.util.Arrays.stream(nearest).filter(Double::isFinite).toArray();
    RobustScale distance =
        finite.length == 0 ? new RobustScale(0, 1) : RobustScale.of(finite, 0, ABSOLUTE_FLOOR);
    NeighborReference system =
        new NeighborReference(referenceEmbeddings, settings.neighbors(), distance);
    StateProfile uncalibrated =
        new StateProfile(
            windows.size(),
            system,
            services,
            DetectionMix.embeddingOnly(),
            TailCalibration.fit(new double[] {0, 1}, settings.tailShare()),
            settings.fireScore());
    // Every later window, in time order: the smoothed score averages each window with its
    // predecessors.
    java.util.Set<EmbeddedWindow> calibration =
        java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    calibration.addAll(later);
    List<EmbeddedWindow> calibrationOrder = new ArrayList<>(later.size());
    List<WindowParts> parts = new ArrayList<>(later.size());
    Map<String, RecentNormals> recent = new HashMap<>();
    for (EmbeddedWindow window : adaptation == null ? later : allNormal) {
      RecentNormals lately =
          adaptation == null
              ? null
              : recent.computeIfAbsent(window.system(), s -> new RecentNormals());
      if (calibration.contains(window)) {
        double near = nearestOtherTime(system, references, window);
        calibrationOrder.add(window);
        parts.add(
            parts(
                uncalibrated,
                global,
                window,
                Double.isFinite(near) ? distance.z(near) : Double.NaN,
                lately,
                adaptation,
                symptoms));
      }
      if (lately != null) {
        lately.observe(window.embedding(), adaptation, false);
      }
    }
    double[] embeddingRaw = new double[parts.size()];
    double[] symptomRaw = new double[parts.size()];
    for (int i = 0; i < parts.size(); i++) {
      embeddingRaw[i] = parts.get(i).embeddingRaw();
      symptomRaw[i] = parts.get(i).symptomRaw();
    }
    DetectionMix mix =
        new DetectionMix(
            settings.embeddingWeight(),
            normalQuantile(embeddingRaw, settings.bodyScales()),
            normalQuantile(symptomRaw, settings.bodyScales()));
    double[] mixed = new double[parts.size()];
    Map<String, RecentScores> recentScores = new HashMap<>();
    for (int i = 0; i < parts.size(); i++) {
      EmbeddedWindow window = calibrationOrder.get(i);
      mixed[i] =
          parts
              .get(i)
              .smoothedRaw(
                  mix,
                  window.endMs(),
                  recentScores.computeIfAbsent(window.system(), s -> new RecentScores()),
                  settings.smoothing().toMillis());
    }
    double[] finiteRaw = java.util.Arrays.stream(mixed).filter(Double::isFinite).toArray();
    TailCalibration calibrated =
        TailCalibration.fit(
            finiteRaw.length >= 2 ? finiteRaw : new double[] {0, 1},
            settings.bodyScales() ? BODY_TAIL_SHARE : settings.tailShare(),
            settings.bodyScales());
    return new Fitted(
        new StateProfile(windows.size(), system, services, mix, calibrated, settings.fireScore()),
        references);
  }

  /**
   * A window's deviations as the analyzer computes them: its system embedding's (against the
   * training normal, then the recent one), every service embedding's and every service's symptoms.
   */
  record WindowParts(double system, Map<String, Double> services, Map<String, Double> symptoms) {

    /** The largest embedding deviation (NaN: none). */
    double embeddingRaw() {
      return DetectionMix.largest(system, services);
    }

    /** The largest symptom deviation (NaN: none). */
    double symptomRaw() {
      return SymptomScales.max(symptoms);
    }

    /**
     * The raw score as the analyzer gives it, smoothed over (and remembered by) the system's {@code
     * recent} scores.
     */
    double smoothedRaw(DetectionMix mix, long windowEndMs, RecentScores recent, long smoothingMs) {
      return recent.smoothedRaw(
          windowEndMs,
          mix.systemScore(system),
          mix.serviceScores(services, symptoms),
          smoothingMs,
          true);
    }
  }

  /**
   * The window's {@link WindowParts} given its system deviation against the training normal; {@code
   * recent} (or null) as the job would hold it before this window.
   */
  static WindowParts parts(
      StateProfile profile,
      StateProfile global,
      EmbeddedWindow window,
      double systemDeviation,
      RecentNormals recent,
      Adaptation adaptation,
      SymptomScales symptoms) {
    double system = systemDeviation;
    RecentNormal lately = recent == null ? null : recent.system(adaptation);
    if (lately != null) {
      double floor =
          Math.max(
              adaptation.scaleFloor(),
              ServiceDeviations.RECENT_SCALE_SHARE * profile.system().distance().scale());
      system =
          Double.isNaN(system)
              ? system
              : Math.min(system, lately.deviation(window.embedding().embedding(), floor));
    }
    Map<String, Double> services =
        ServiceDeviations.of(window.embedding(), profile, global, recent, adaptation).deviations();
    Map<String, Double> symptomDeviations =
        window.symptoms() == null
            ? Map.of()
            : symptoms.deviations(window.system(), window.symptoms());
    return new WindowParts(system, services, symptomDeviations);
  }

  /** The {@link SymptomScales#QUANTILE} of the finite values, at least {@link #MIX_SCALE_FLOOR}. */
  private static double normalQuantile(double[] values, boolean fromBody) {
    double[] finite = java.util.Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
    if (finite.length == 0) {
      return 1;
    }
    double quantile =
        fromBody
            ? RobustScale.bodyCappedQuantile(finite, SymptomScales.QUANTILE, BODY_TOP)
            : RobustScale.quantile(finite, SymptomScales.QUANTILE);
    return Math.max(MIX_SCALE_FLOOR, quantile);
  }

  /**
   * Per system, its earlier windows and its latest {@code calibrationShare}; a system with too few
   * windows to split lends all of them to both.
   */
  private void split(
      List<EmbeddedWindow> windows, List<EmbeddedWindow> earlier, List<EmbeddedWindow> later) {
    Map<String, List<EmbeddedWindow>> bySystem = new LinkedHashMap<>();
    for (EmbeddedWindow window : windows) {
      bySystem.computeIfAbsent(window.system(), s -> new ArrayList<>()).add(window);
    }
    for (List<EmbeddedWindow> system : bySystem.values()) {
      if (system.size() < MIN_SPLIT_WINDOWS) {
        earlier.addAll(system);
        later.addAll(system);
        continue;
      }
      int cut = (int) Math.round(system.size() * (1 - settings.calibrationShare()));
      earlier.addAll(system.subList(0, cut));
      later.addAll(system.subList(cut, system.size()));
    }
  }

  /** Mean distance to the k nearest references that are not the window's temporal neighbours. */
  double nearestOtherTime(
      NeighborReference reference, List<EmbeddedWindow> references, EmbeddedWindow window) {
    long exclusion = settings.neighborExclusion().toMillis();
    return reference.meanNearest(
        window.embedding().embedding(),
        i -> {
          EmbeddedWindow other = references.get(i);
          return other.system().equals(window.system())
              && Math.abs(other.startMs() - window.startMs()) < exclusion;
        });
  }

  private Map<String, Map<String, ServiceNormal>> serviceNormals(List<EmbeddedWindow> windows) {
    Map<String, Integer> windowsPerSystem = new HashMap<>();
    Map<String, Map<String, List<float[]>>> byService = new TreeMap<>();
    for (EmbeddedWindow window : windows) {
      windowsPerSystem.merge(window.system(), 1, Integer::sum);
      Map<String, List<float[]>> ofSystem =
          byService.computeIfAbsent(window.system(), s -> new TreeMap<>());
      for (ServiceEmbedding service : window.embedding().services()) {
        ofSystem
            .computeIfAbsent(service.service(), s -> new ArrayList<>())
            .add(service.embedding());
      }
    }
    Map<String, Map<String, ServiceNormal>> normals = new TreeMap<>();
    byService.forEach(
        (system, services) -> {
          Map<String, ServiceNormal> ofSystem = new TreeMap<>();
          services.forEach(
              (service, embeddings) -> {
                float[] mean = new float[embeddings.get(0).length];
                for (float[] e : embeddings) {
                  for (int d = 0; d < mean.length; d++) {
                    mean[d] += e[d] / embeddings.size();
                  }
                }
                double[] distances = new double[embeddings.size()];
                for (int i = 0; i < distances.length; i++) {
                  distances[i] = Vectors.distance(embeddings.get(i), mean);
                }
                double presence = embeddings.size() / (double) windowsPerSystem.get(system);
                ofSystem.put(
                    service,
                    new ServiceNormal(
                        mean, RobustScale.of(distances, 0, ABSOLUTE_FLOOR), presence));
              });
          normals.put(system, ofSystem);
        });
    return normals;
  }

  /**
   * At most {@code limit} windows, evenly spread over the list (which is in time order per system).
   */
  static List<EmbeddedWindow> evenly(List<EmbeddedWindow> windows, int limit) {
    if (windows.size() <= limit) {
      return windows;
    }
    List<EmbeddedWindow> out = new ArrayList<>(limit);
    for (int i = 0; i < limit; i++) {
      out.add(windows.get((int) ((long) i * windows.size() / limit)));
    }
    return out;
  }
}
