package dev.runtimeslicer.model.embedding;

import dev.runtimeslicer.model.slice.RuntimeSlice;
import java.util.ArrayList;
import java.util.List;

/**
 * A runtime slice with its embedding (system state and per service) and, once assigned, its runtime
 * state. A Flink POJO: born in the embedding operator, consumed by the task heads.
 */
public class EmbeddedSlice {
  public RuntimeSlice slice;

  /** Unit-length system-state embedding. */
  public float[] embedding;

  /** Services with an embedding, in the order of {@link #serviceEmbeddings}. */
  public List<String> services = new ArrayList<>();

  public List<float[]> serviceEmbeddings = new ArrayList<>();

  /** Services beyond the featurization's bound, without an embedding. */
  public int truncatedServices;

  /** Runtime state; -1 until assigned. */
  public int state = -1;

  public double stateDistance;
  public boolean novelState;

  public EmbeddedSlice() {}

  /** The slice and its embedding, not yet assigned to a state. */
  public static EmbeddedSlice of(RuntimeSlice slice, SliceEmbedding embedding) {
    EmbeddedSlice out = new EmbeddedSlice();
    out.slice = slice;
    out.embedding = embedding.embedding();
    for (ServiceEmbedding service : embedding.services()) {
      out.services.add(service.service());
      out.serviceEmbeddings.add(service.embedding());
    }
    out.truncatedServices = embedding.truncatedServices();
    return out;
  }

  /** The embedding as the task heads take it. */
  public SliceEmbedding toEmbedding() {
    List<ServiceEmbedding> list = new ArrayList<>(services.size());
    for (int i = 0; i < services.size(); i++) {
      list.add(new ServiceEmbedding(services.get(i), serviceEmbeddings.get(i)));
    }
    return new SliceEmbedding(
        slice.system, slice.windowStartMs, slice.windowEndMs, embedding, list, truncatedServices);
  }
}
