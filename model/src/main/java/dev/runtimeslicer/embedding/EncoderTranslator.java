package dev.runtimeslicer.embedding;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.nio.FloatBuffer;

/**
 * Feeds a feature batch to the encoder graph under its input names and copies the outputs out of
 * native memory before the predictor frees it.
 */
final class EncoderTranslator implements NoBatchifyTranslator<FeatureBatch, EncodedBatch> {

  @Override
  public NDList processInput(TranslatorContext ctx, FeatureBatch batch) {
    NDManager manager = ctx.getNDManager();
    NDList inputs = new NDList();
    for (Modality modality : Modality.values()) {
      NDArray tokens = manager.create(FloatBuffer.wrap(batch.tokens(modality)),
          new Shape(batch.size(), batch.services(), batch.width(modality)));
      tokens.setName(modality.tensorName());
      NDArray mask = manager.create(FloatBuffer.wrap(batch.mask(modality)), new Shape(batch.size(), batch.services()));
      mask.setName(modality.maskName());
      inputs.add(tokens);
      inputs.add(mask);
    }
    return inputs;
  }

  @Override
  public EncodedBatch processOutput(TranslatorContext ctx, NDList outputs) {
    NDArray system = find(outputs, EncoderSignature.SYSTEM);
    NDArray services = find(outputs, EncoderSignature.SERVICES);
    NDArray modalities = find(outputs, EncoderSignature.MODALITIES);
    Shape shape = services.getShape();
    return new EncodedBatch((int) shape.get(0), (int) shape.get(1), (int) shape.get(2),
        system.toFloatArray(), services.toFloatArray(), modalities.toFloatArray());
  }

  private static NDArray find(NDList outputs, String name) {
    NDArray named = outputs.get(name);
    if (named == null) {
      throw new IllegalStateException("encoder graph has no output '" + name + "'; the bundle does not match this"
          + " version, retrain it");
    }
    return named;
  }
}
