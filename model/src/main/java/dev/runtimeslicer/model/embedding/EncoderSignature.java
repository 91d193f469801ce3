package dev.runtimeslicer.model.embedding;

/**
 * Names of the encoder graph's inputs and outputs, the contract between the ONNX export and {@link
 * SliceEncoder}. Inputs per {@link Modality}: tokens [batch, services, width] and mask [batch,
 * services], float32.
 */
public final class EncoderSignature {

  /** L2-normalized system-state embedding [batch, embedding]. */
  public static final String SYSTEM = "system";

  /**
   * L2-normalized contextual service embeddings [batch, services, embedding]; 0 for empty slots.
   */
  public static final String SERVICES = "services";

  /** L2-normalized per-modality embeddings [batch, 3, embedding]; 0 where a modality is absent. */
  public static final String MODALITIES = "modalities";

  /** Smallest ONNX opset the graph is written for (LayerNormalization needs 17). */
  public static final int OPSET = 17;

  private EncoderSignature() {}
}
