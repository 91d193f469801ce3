package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import dev.runtimeslicer.model.slice.ServiceSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks an alert's evidence: among the suspect services' plain features, the ones farthest from
 * their normal, a few per modality. A rate that is normally there and is missing now (a service
 * that stopped answering) counts as zero; a log template never seen in normal windows counts as
 * new.
 */
public final class EvidenceSelector {

  /** Features closer to normal than this (robust z) are not evidence. */
  static final double MIN_DEVIATION = 3.0;

  /** A feature without a normal (a new log template) is scored against this scale. */
  private static final double NEW_FEATURE_SCALE = 0.1;

  private final FeatureNormals normals;
  private final int perModality;
  private final int maxNamed;

  public EvidenceSelector(FeatureNormals normals, int perModality, int maxNamed) {
    this.normals = normals;
    this.perModality = perModality;
    this.maxNamed = maxNamed;
  }

  private record Scored(AlertEvidence evidence, double deviation) {}

  /** Evidence from {@code services} (most suspect first) of {@code slice}. */
  public List<AlertEvidence> select(RuntimeSlice slice, List<String> services) {
    List<Scored> scored = new ArrayList<>();
    long windowMs = slice.windowEndMs - slice.windowStartMs;
    for (String service : services) {
      Map<String, RobustScale> normal = normals.of(slice.system, service);
      ServiceSlice current = slice.service(service);
      Set<String> seen = new HashSet<>();
      List<PlainFeature> features =
          current == null ? List.of() : PlainFeatures.of(current, windowMs, maxNamed);
      for (PlainFeature feature : features) {
        seen.add(feature.key());
        RobustScale scale = normal.get(feature.key());
        double deviation =
            scale == null ? feature.value() / NEW_FEATURE_SCALE : scale.z(feature.value());
        scored.add(
            new Scored(
                new AlertEvidence(
                    feature.modality(),
                    service,
                    feature.name(),
                    scale == null ? 0 : scale.median(),
                    feature.value()),
                Math.abs(deviation)));
      }
      for (String rate :
          List.of(
              PlainFeatures.TRACES + ":" + PlainFeatures.REQUESTS_PER_SECOND,
              PlainFeatures.LOGS + ":" + PlainFeatures.LOGS_PER_SECOND)) {
        RobustScale scale = normal.get(rate);
        if (scale != null && !seen.contains(rate)) {
          int colon = rate.indexOf(':');
          scored.add(
              new Scored(
                  new AlertEvidence(
                      rate.substring(0, colon),
                      service,
                      rate.substring(colon + 1),
                      scale.median(),
                      0),
                  Math.abs(scale.z(0))));
        }
      }
    }
    scored.sort(Comparator.comparingDouble(Scored::deviation).reversed());
    Map<String, Integer> taken = new HashMap<>();
    List<AlertEvidence> out = new ArrayList<>();
    for (Scored candidate : scored) {
      if (candidate.deviation() < MIN_DEVIATION) {
        break;
      }
      int count = taken.merge(candidate.evidence().modality, 1, Integer::sum);
      if (count <= perModality) {
        out.add(candidate.evidence());
      }
    }
    return out;
  }
}
