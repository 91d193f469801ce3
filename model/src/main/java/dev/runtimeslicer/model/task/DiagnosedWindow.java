package dev.runtimeslicer.model.task;

import dev.runtimeslicer.model.embedding.SliceEmbedding;
import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One window as a {@link TaskHead} reads it, once {@link FailureAnalyzer} has scored it: the slice,
 * its embedding, its deviations in its runtime state, the services ranked by the model's own
 * deviations (before any traffic contrast: what heads are fitted on), and on demand each service's
 * {@link FailureSymptoms} and normal. Made per window and read by one thread.
 */
public final class DiagnosedWindow {
  private final RuntimeSlice slice;
  private final SliceEmbedding embedding;
  private final FailureAnalyzer.Deviations deviations;
  private final List<RootCauseCandidate> suspects;
  private final Function<String, float[]> symptomsOf;
  private final Function<String, ServiceNormal> normalOf;

  /** Symptoms already computed, by service: several heads and parts of one head ask again. */
  private final Map<String, float[]> symptoms = new HashMap<>();

  /**
   * @param symptomsOf a service's {@link FailureSymptoms} in this window
   * @param normalOf a service's normal in this window's state, or null when it has none
   */
  DiagnosedWindow(
      RuntimeSlice slice,
      SliceEmbedding embedding,
      FailureAnalyzer.Deviations deviations,
      List<RootCauseCandidate> suspects,
      Function<String, float[]> symptomsOf,
      Function<String, ServiceNormal> normalOf) {
    this.slice = slice;
    this.embedding = embedding;
    this.deviations = deviations;
    this.suspects = List.copyOf(suspects);
    this.symptomsOf = symptomsOf;
    this.normalOf = normalOf;
  }

  public RuntimeSlice slice() {
    return slice;
  }

  public SliceEmbedding embedding() {
    return embedding;
  }

  public FailureAnalyzer.Deviations deviations() {
    return deviations;
  }

  /** Services ranked by the model's deviations, most suspect first. */
  public List<RootCauseCandidate> suspects() {
    return suspects;
  }

  /** The names of the first {@code count} suspects, or of all when fewer. */
  public List<String> leadingSuspects(int count) {
    return FailureAnalyzer.leading(suspects, count);
  }

  /** The {@link FailureSymptoms} of {@code service} in this window (of an absent one: absent). */
  public float[] symptoms(String service) {
    return symptoms.computeIfAbsent(service, symptomsOf);
  }

  /** The embedding of {@code service} in this window, or null when it has none. */
  public float[] serviceEmbedding(String service) {
    return deviations.embeddings().get(service);
  }

  /** The normal of {@code service} in this window's state, or null when it has none. */
  public ServiceNormal normal(String service) {
    return normalOf.apply(service);
  }
}
