package dev.runtimeslicer.model.embedding;

/**
 * Sizes of the slice encoder.
 *
 * @param hidden width of service tokens after their modality encoder
 * @param embedding dimension of the system, modality and service embeddings
 */
public record EncoderDimensions(int hidden, int embedding) {

  public static final int DEFAULT_HIDDEN = 64;
  public static final int DEFAULT_EMBEDDING = 128;

  public EncoderDimensions {
    if (hidden <= 0 || embedding <= 0) {
      throw new IllegalArgumentException(
          "encoder dimensions must be positive: " + hidden + ", " + embedding);
    }
  }
}
