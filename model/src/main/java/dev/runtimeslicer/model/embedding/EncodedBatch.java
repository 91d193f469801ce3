package dev.runtimeslicer.model.embedding;

/**
 * Raw encoder output for a batch, row-major float arrays.
 *
 * @param size slices in the batch
 * @param services service slots per slice
 * @param dimension embedding dimension
 * @param system [size, dimension]
 * @param serviceEmbeddings [size, services, dimension]; zero rows for empty slots
 * @param modalities [size, 3, dimension] in {@link Modality} order; zero rows for absent modalities
 */
public record EncodedBatch(
    int size,
    int services,
    int dimension,
    float[] system,
    float[] serviceEmbeddings,
    float[] modalities) {

  /** System embedding of slice {@code index}. */
  public float[] system(int index) {
    return slice(system, index * dimension);
  }

  /** Embedding of slot {@code slot} of slice {@code index}. */
  public float[] service(int index, int slot) {
    return slice(serviceEmbeddings, (index * services + slot) * dimension);
  }

  /** Embedding of {@code modality} in slice {@code index}. */
  public float[] modality(int index, Modality modality) {
    return slice(modalities, (index * Modality.values().length + modality.ordinal()) * dimension);
  }

  private float[] slice(float[] values, int offset) {
    float[] out = new float[dimension];
    System.arraycopy(values, offset, out, 0, dimension);
    return out;
  }
}
