package dev.runtimeslicer.tuning;

import dev.runtimeslicer.embedding.ServiceEmbedding;
import dev.runtimeslicer.state.Vectors;
import dev.runtimeslicer.task.NeighborReference;
import dev.runtimeslicer.task.RobustScale;
import dev.runtimeslicer.task.ServiceDeviations;
import dev.runtimeslicer.task.ServiceNormal;
import dev.runtimeslicer.task.StateProfile;
import dev.runtimeslicer.task.TailCalibration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits what normal looks like in one runtime state (or over all states, the global profile) from
 * its normal windows: the k-NN reference of system embeddings, each service's normal, and the score
 * calibration. Calibration windows are scored against references that are not their temporal
 * neighbours: windows overlap, and a window always has a near twin ten seconds away, which a
 * window of another day does not.
 */
final class ProfileFitter {

  /** Distances are at least this spread, so identical normal windows do not make noise infinite. */
  private static final double ABSOLUTE_FLOOR = 1e-3;
  /** Calibration windows scored per profile (a sample when there are more). */
  private static final int CALIBRATION_WINDOWS = 3000;

  private final TuningSettings settings;

  ProfileFitter(TuningSettings settings) {
    this.settings = settings;
  }

  /** The profile of {@code windows} (sorted by system and time); {@code global} is the fallback, or null when fitting it. */
  StateProfile fit(List<EmbeddedWindow> windows, StateProfile global) {
    List<EmbeddedWindow> references = evenly(windows, settings.referencesPerState());
    float[][] referenceEmbeddings = new float[references.size()][];
    for (int i = 0; i < references.size(); i++) {
      referenceEmbeddings[i] = references.get(i).embedding().embedding();
    }
    Map<String, Map<String, ServiceNormal>> services = serviceNormals(windows);
    List<EmbeddedWindow> calibration = evenly(windows, CALIBRATION_WINDOWS);
    NeighborReference unscaled = new NeighborReference(referenceEmbeddings, settings.neighbors(), new RobustScale(0, 1));
    double[] nearest = new double[calibration.size()];
    for (int i = 0; i < calibration.size(); i++) {
      nearest[i] = nearestOtherTime(unscaled, references, calibration.get(i));
    }
    double[] finite = java.util.Arrays.stream(nearest).filter(Double::isFinite).toArray();
    RobustScale distance = finite.length == 0 ? new RobustScale(0, 1) : RobustScale.of(finite, 0, ABSOLUTE_FLOOR);
    NeighborReference system = new NeighborReference(referenceEmbeddings, settings.neighbors(), distance);
    StateProfile uncalibrated = new StateProfile(windows.size(), system, services,
        TailCalibration.fit(new double[] {0, 1}, settings.tailShare()), settings.fireScore());
    double[] raw = new double[calibration.size()];
    for (int i = 0; i < calibration.size(); i++) {
      raw[i] = raw(uncalibrated, global, calibration.get(i), Double.isFinite(nearest[i]) ? distance.z(nearest[i]) : Double.NaN);
    }
    double[] finiteRaw = java.util.Arrays.stream(raw).filter(Double::isFinite).toArray();
    TailCalibration calibrated = TailCalibration.fit(finiteRaw.length >= 2 ? finiteRaw : new double[] {0, 1},
        settings.tailShare());
    return new StateProfile(windows.size(), system, services, calibrated, settings.fireScore());
  }

  /** The raw deviation of a window as the analyzer computes it, given its system deviation. */
  static double raw(StateProfile profile, StateProfile global, EmbeddedWindow window, double systemDeviation) {
    double raw = systemDeviation;
    for (double service : ServiceDeviations.of(window.embedding(), profile, global).deviations().values()) {
      raw = Double.isNaN(raw) ? service : Math.max(raw, service);
    }
    return raw;
  }

  /** Mean distance to the k nearest references that are not the window's temporal neighbours. */
  double nearestOtherTime(NeighborReference reference, List<EmbeddedWindow> references, EmbeddedWindow window) {
    long exclusion = settings.neighborExclusion().toMillis();
    return reference.meanNearest(window.embedding().embedding(), i -> {
      EmbeddedWindow other = references.get(i);
      return other.system().equals(window.system()) && Math.abs(other.startMs() - window.startMs()) < exclusion;
    });
  }

  private Map<String, Map<String, ServiceNormal>> serviceNormals(List<EmbeddedWindow> windows) {
    Map<String, Integer> windowsPerSystem = new HashMap<>();
    Map<String, Map<String, List<float[]>>> byService = new TreeMap<>();
    for (EmbeddedWindow window : windows) {
      windowsPerSystem.merge(window.system(), 1, Integer::sum);
      Map<String, List<float[]>> ofSystem = byService.computeIfAbsent(window.system(), s -> new TreeMap<>());
      for (ServiceEmbedding service : window.embedding().services()) {
        ofSystem.computeIfAbsent(service.service(), s -> new ArrayList<>()).add(service.embedding());
      }
    }
    Map<String, Map<String, ServiceNormal>> normals = new TreeMap<>();
    byService.forEach((system, services) -> {
      Map<String, ServiceNormal> ofSystem = new TreeMap<>();
      services.forEach((service, embeddings) -> {
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
        ofSystem.put(service, new ServiceNormal(mean, RobustScale.of(distances, 0, ABSOLUTE_FLOOR), presence));
      });
      normals.put(system, ofSystem);
    });
    return normals;
  }

  /** At most {@code limit} windows, evenly spread over the list (which is in time order per system). */
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
