package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.embedding.ServiceEmbedding;
import dev.runtimeslicer.model.embedding.SliceEmbedding;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * How far each service of a window is from its normal in a state (robust z units), the one rule
 * used both online and when tuning calibrates the scores: a service's embedding against its normal
 * (the state's, else the global one) and, once it has one, against its recent normal, whichever is
 * closer (see {@link Adaptation}); an expected service without telemetry gets {@link
 * #ABSENT_DEVIATION}; a service without any normal (new) is counted, not scored.
 *
 * @param deviations per service
 * @param embeddings the embedding of every scored service that has one
 * @param unknown services without a normal
 */
public record ServiceDeviations(
    Map<String, Double> deviations, Map<String, float[]> embeddings, int unknown) {

  /** A service present in at least this share of a state's normal windows is expected there. */
  public static final double EXPECTED_PRESENCE = 0.9;

  /**
   * Deviation given to an expected service without telemetry: as unusual as a clear outlier, so a
   * crashed service ranks among the suspects instead of vanishing from the ranking.
   */
  public static final double ABSENT_DEVIATION = 6.0;

  /**
   * A recent spread is at least this share of the training spread: a few quiet windows in a row
   * must not make ordinary noise look like a jump.
   */
  public static final double RECENT_SCALE_SHARE = 0.5;

  private static final float LOAD_FACTOR = 0.75f;

  /** Room for absent services beside the embedded ones. */
  private static final int ABSENT_ROOM = 4;

  /**
   * Deviations of the services of {@code embedding} in {@code profile}, falling back to {@code
   * global}; no recent normals.
   */
  public static ServiceDeviations of(
      SliceEmbedding embedding, StateProfile profile, StateProfile global) {
    return of(embedding, profile, global, null, null);
  }

  /**
   * Deviations of the services of {@code embedding} in {@code profile}, falling back to {@code
   * global}, and against {@code recent} when given.
   */
  public static ServiceDeviations of(
      SliceEmbedding embedding,
      StateProfile profile,
      StateProfile global,
      RecentNormals recent,
      Adaptation adaptation) {
    // Sized for every service (and a few absent ones) at once, so filling them never rehashes.
    int capacity = (int) ((embedding.services().size() + ABSENT_ROOM) / LOAD_FACTOR) + 1;
    Map<String, Double> deviations = new HashMap<>(capacity, LOAD_FACTOR);
    Map<String, float[]> embeddings = new HashMap<>(capacity, LOAD_FACTOR);
    // The system's normals are looked up once per window, not once per service.
    Map<String, ServiceNormal> stateNormals = normalsOf(profile, embedding.system());
    Map<String, ServiceNormal> globalNormals =
        global == null ? Collections.emptyMap() : normalsOf(global, embedding.system());
    int unknown = 0;
    int expectedSeen = 0;
    for (ServiceEmbedding service : embedding.services()) {
      ServiceNormal normal = stateNormals.get(service.service());
      boolean ofState = normal != null;
      if (normal == null) {
        normal = globalNormals.get(service.service());
      }
      if (normal == null) {
        unknown++;
        continue;
      }
      double deviation = normal.deviation(service.embedding());
      RecentNormal lately = recent == null ? null : recent.service(service.service(), adaptation);
      if (lately != null) {
        double floor =
            Math.max(adaptation.scaleFloor(), RECENT_SCALE_SHARE * normal.distance().scale());
        deviation = Math.min(deviation, lately.deviation(service.embedding(), floor));
      }
      boolean first = deviations.put(service.service(), deviation) == null;
      embeddings.put(service.service(), service.embedding());
      if (first && ofState && normal.presence() >= EXPECTED_PRESENCE) {
        expectedSeen++;
      }
    }
    // Services beyond the featurization's bound have no embedding but are not missing. When every
    // expected service was seen (the usual window), nothing is missing and the lookups are skipped.
    if (embedding.truncatedServices() == 0 && expectedSeen < expected(stateNormals)) {
      for (Map.Entry<String, ServiceNormal> entry : stateNormals.entrySet()) {
        if (entry.getValue().presence() >= EXPECTED_PRESENCE
            && !embeddings.containsKey(entry.getKey())) {
          deviations.put(entry.getKey(), ABSENT_DEVIATION);
        }
      }
    }
    return new ServiceDeviations(deviations, embeddings, unknown);
  }

  private static Map<String, ServiceNormal> normalsOf(StateProfile profile, String system) {
    Map<String, ServiceNormal> normals = profile.services().get(system);
    return normals == null ? Collections.emptyMap() : normals;
  }

  private static int expected(Map<String, ServiceNormal> normals) {
    int expected = 0;
    for (ServiceNormal normal : normals.values()) {
      if (normal.presence() >= EXPECTED_PRESENCE) {
        expected++;
      }
    }
    return expected;
  }

  /** The state's normal of a service, else the global one, else null. */
  public static ServiceNormal normal(
      StateProfile profile, StateProfile global, String system, String service) {
    ServiceNormal normal = profile.service(system, service);
    return normal != null || global == null ? normal : global.service(system, service);
  }
}
