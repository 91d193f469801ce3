package dev.runtimeslicer.model.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;

/**
 * Feeds a feature batch to the encoder graph under its input names and copies the outputs out of
 * native memory before the predictor frees it. Inputs go through direct buffers this translator
 * keeps: ONNX Runtime reads a direct buffer in place but copies a heap array into fresh native
 * memory, which for a batch of 64 slices of 50 services meant allocating and zeroing megabytes per
 * call. Not thread-safe, as its predictor is not.
 */
final class EncoderTranslator implements NoBatchifyTranslator<FeatureBatch, EncodedBatch> {

  private final FloatBuffer[] tokens = new FloatBuffer[Modality.values().length];
  private final FloatBuffer[] masks = new FloatBuffer[Modality.values().length];

  @Override
  public NDList processInput(TranslatorContext ctx, FeatureBatch batch) {
    NDManager manager = ctx.getNDManager();
    NDList inputs = new NDList();
    for (Modality modality : Modality.values()) {
      int m = modality.ordinal();
      tokens[m] = filled(tokens[m], batch.tokens(modality));
      masks[m] = filled(masks[m], batch.mask(modality));
      NDArray tokenArray =
          manager.create(
              tokens[m], new Shape(batch.size(), batch.services(), batch.width(modality)));
      tokenArray.setName(modality.tensorName());
      NDArray maskArray = manager.create(masks[m], new Shape(batch.size(), batch.services()));
      maskArray.setName(modality.maskName());
      inputs.add(tokenArray);
      inputs.add(maskArray);
    }
    return inputs;
  }

  /**
   * {@code values} in {@code buffer} (or a larger one when it does not fit), ready to read from 0.
   */
  private static FloatBuffer filled(FloatBuffer buffer, float[] values) {
    FloatBuffer out = buffer;
    if (out == null || out.capacity() < values.length) {
      out =
          ByteBuffer.allocateDirect(values.length * Float.BYTES)
              .order(ByteOrder.nativeOrder())
              .asFloatBuffer();
    }
    out.clear();
    out.put(values);
    out.flip();
    return out;
  }

  @Override
  public EncodedBatch processOutput(TranslatorContext ctx, NDList outputs) {
    NDArray system = find(outputs, EncoderSignature.SYSTEM);
    NDArray services = find(outputs, EncoderSignature.SERVICES);
    NDArray modalities = find(outputs, EncoderSignature.MODALITIES);
    Shape shape = services.getShape();
    return new EncodedBatch(
        (int) shape.get(0),
        (int) shape.get(1),
        (int) shape.get(2),
        system.toFloatArray(),
        services.toFloatArray(),
        modalities.toFloatArray());
  }

  private static NDArray find(NDList outputs, String name) {
    NDArray named = outputs.get(name);
    if (named == null) {
      throw new IllegalStateException(
          "encoder graph has no output '"
              + name
              + "'; the bundle does not match this"
              + " version, retrain it");
    }
    return named;
  }
}
