package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.state.Vectors;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of the triage head about one window: the direction in which one service's embedding
 * moved away from its normal, that service's {@link FailureSymptoms} with rises and falls apart,
 * and the strongest rise and fall of each symptom among the window's leading suspects; each part of
 * unit length, the embedding part scaled by a weight. Rises and falls are separate inputs because
 * their sign is the type: errors answered fast (http_5xx) lower the latency that a delay raises,
 * and a killed pod drops the request rate that retries raise. The leading suspects' part keeps the
 * failure's own signature in view when the first suspect is a service it spread to (a slow
 * database's caller ranked above the database shows slower calls, the database its disk); it
 * replaced answering for whichever of five suspects matched a type most closely, which let any
 * suspect's chance resemblance name the type. (The system embedding's shift was tried as an input
 * and made leave-one-incident-out triage worse: it mostly says which service failed, not how.)
 */
public final class TriageFeatures {

  /** Signed symptoms (all but the absent flag) in rises and falls, then the absent flag. */
  static final int SYMPTOM_WIDTH = 2 * (FailureSymptoms.WIDTH - 1) + 1;

  private TriageFeatures() {}

  /** Length of the features for embeddings of {@code dimension}. */
  public static int width(int dimension) {
    return dimension + 2 * SYMPTOM_WIDTH;
  }

  /**
   * The features of {@code window} about the service {@code about} (null: none) beside the symptoms
   * of its {@code leading} suspects.
   *
   * @param embeddingWeight length of the embedding part (the symptom parts have length 1)
   */
  public static float[] of(
      DiagnosedWindow window, String about, List<String> leading, double embeddingWeight) {
    int dimension = window.embedding().embedding().length;
    List<float[]> leadingSymptoms = new ArrayList<>(leading.size());
    for (String suspect : leading) {
      leadingSymptoms.add(window.symptoms(suspect));
    }
    if (about == null) {
      return of(null, null, null, leadingSymptoms, dimension, embeddingWeight);
    }
    ServiceNormal normal = window.normal(about);
    return of(
        window.serviceEmbedding(about),
        normal == null ? null : normal.mean(),
        window.symptoms(about),
        leadingSymptoms,
        dimension,
        embeddingWeight);
  }

  /**
   * @param service embedding of the service the features are about, or null when it has none
   * @param serviceMean that service's normal mean embedding, or null
   * @param symptoms that service's {@link FailureSymptoms}, or null without a service
   * @param leading the {@link FailureSymptoms} of the window's leading suspects (may be empty)
   * @param dimension the embedding dimension
   * @param embeddingWeight length of the embedding part (the symptom parts have length 1)
   */
  public static float[] of(
      float[] service,
      float[] serviceMean,
      float[] symptoms,
      List<float[]> leading,
      int dimension,
      double embeddingWeight) {
    float[] out = new float[width(dimension)];
    if (service != null && serviceMean != null && embeddingWeight > 0) {
      double norm = 0;
      for (int i = 0; i < dimension; i++) {
        out[i] = service[i] - serviceMean[i];
        norm += out[i] * out[i];
      }
      double scale = norm > 0 ? embeddingWeight / Math.sqrt(norm) : 0;
      for (int i = 0; i < dimension; i++) {
        out[i] = (float) (out[i] * scale);
      }
    }
    float[] own = new float[SYMPTOM_WIDTH];
    if (symptoms != null) {
      split(symptoms, own);
    }
    System.arraycopy(Vectors.unit(own), 0, out, dimension, SYMPTOM_WIDTH);
    float[] strongest = new float[SYMPTOM_WIDTH];
    float[] scratch = new float[SYMPTOM_WIDTH];
    for (float[] suspect : leading) {
      split(suspect, scratch);
      for (int i = 0; i < SYMPTOM_WIDTH; i++) {
        strongest[i] = Math.max(strongest[i], scratch[i]);
      }
    }
    System.arraycopy(Vectors.unit(strongest), 0, out, dimension + SYMPTOM_WIDTH, SYMPTOM_WIDTH);
    return out;
  }

  /** Signed symptoms into their rises, their falls and the absent flag. */
  private static void split(float[] symptoms, float[] out) {
    int signed = FailureSymptoms.WIDTH - 1;
    for (int i = 0; i < signed; i++) {
      out[i] = Math.max(0, symptoms[i]);
      out[signed + i] = Math.max(0, -symptoms[i]);
    }
    out[SYMPTOM_WIDTH - 1] = symptoms[signed];
  }
}
