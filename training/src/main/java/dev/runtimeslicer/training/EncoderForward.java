package dev.runtimeslicer.training;

import static dev.runtimeslicer.training.EncoderWeights.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import dev.runtimeslicer.model.embedding.FeatureBatch;
import dev.runtimeslicer.model.embedding.Modality;
import java.nio.FloatBuffer;
import java.util.EnumMap;
import java.util.Map;

/**
 * The slice encoder's forward pass in DJL operations, for training. {@link OnnxEncoderExport}
 * writes the same computation as an ONNX graph; the two must stay in step (a parity test checks).
 *
 * <p>Per modality: token MLP (Linear, leaky ReLU, Linear, LayerNorm) per service, masked mean and
 * masked max over services side by side (the max keeps one abnormal service from being averaged
 * away among dozens of normal ones), projection to a unit modality embedding. System: masked mean
 * over present modalities of per-modality fusion projections, leaky ReLU, projection, unit length.
 * Services: masked mean over a service's present modality tokens, leaky ReLU, projection, plus a
 * projection of the system context, unit length. Every reduction is a masked sum, so the result
 * does not depend on service order and absent services or modalities contribute nothing.
 */
public final class EncoderForward {

  /** Same epsilon as ONNX LayerNormalization's default. */
  static final float LAYER_NORM_EPSILON = 1e-5f;

  /** Guards the L2 normalization of all-zero (absent) embeddings. */
  static final float NORM_EPSILON = 1e-12f;

  /**
   * Pushed onto absent services before the max over services. LayerNorm bounds a token's features
   * by sqrt(hidden) times its gain, far below this, so an absent service never wins the max.
   */
  static final float ABSENT_OFFSET = 1e4f;

  /** Slope of the activation below zero. */
  static final float LEAK = 0.01f;

  private EncoderForward() {}

  /** Outputs of one forward pass. */
  public record Output(
      NDArray system,
      NDArray services,
      Map<Modality, NDArray> modalities,
      Map<Modality, NDArray> presence) {}

  /** The batch's arrays in {@code manager}: tokens and masks per modality. */
  public static Map<Modality, NDArray[]> inputs(NDManager manager, FeatureBatch batch) {
    Map<Modality, NDArray[]> inputs = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      NDArray tokens =
          manager.create(
              FloatBuffer.wrap(batch.tokens(modality)),
              new Shape(batch.size(), batch.services(), batch.width(modality)));
      NDArray mask =
          manager.create(
              FloatBuffer.wrap(batch.mask(modality)), new Shape(batch.size(), batch.services()));
      inputs.put(modality, new NDArray[] {tokens, mask});
    }
    return inputs;
  }

  /**
   * Runs the encoder.
   *
   * @param weights parameters by {@link EncoderWeights} name
   * @param inputs tokens [N, S, width] and mask [N, S] per modality
   */
  public static Output run(Map<String, NDArray> weights, Map<Modality, NDArray[]> inputs) {
    NDManager manager = inputs.values().iterator().next()[0].getManager();
    NDArray one = GraphScalar.of(manager, 1f);
    NDArray absentOffset = GraphScalar.of(manager, ABSENT_OFFSET);
    NDArray fusedSum = null;
    NDArray presentModalities = null;
    NDArray serviceSum = null;
    NDArray serviceModalities = null;
    Map<Modality, NDArray> modalities = new EnumMap<>(Modality.class);
    Map<Modality, NDArray> presence = new EnumMap<>(Modality.class);
    for (Modality modality : Modality.values()) {
      NDArray x = inputs.get(modality)[0];
      NDArray mask = inputs.get(modality)[1].expandDims(2);
      NDArray hidden =
          activation(x.matMul(w(weights, modality, TOKEN_W1)).add(w(weights, modality, TOKEN_B1)));
      NDArray token =
          layerNorm(
              manager,
              hidden.matMul(w(weights, modality, TOKEN_W2)).add(w(weights, modality, TOKEN_B2)),
              w(weights, modality, NORM_GAMMA),
              w(weights, modality, NORM_BETA));
      NDArray masked = token.mul(mask);
      NDArray count = mask.sum(new int[] {1});
      NDArray present = count.minimum(one);
      NDArray mean = masked.sum(new int[] {1}).div(count.maximum(one));
      NDArray max = token.add(mask.sub(one).mul(absentOffset)).max(new int[] {1}).mul(present);
      NDArray pooled = mean.concat(max, 1);
      presence.put(modality, present);
      modalities.put(
          modality,
          l2Normalize(
                  manager,
                  pooled
                      .matMul(w(weights, modality, PROJECTION_W))
                      .add(w(weights, modality, PROJECTION_B)))
              .mul(present));
      NDArray fused =
          pooled
              .matMul(w(weights, modality, FUSION_W))
              .add(w(weights, modality, FUSION_B))
              .mul(present);
      NDArray service = masked.matMul(w(weights, modality, SERVICE_W));
      fusedSum = fusedSum == null ? fused : fusedSum.add(fused);
      presentModalities = presentModalities == null ? present : presentModalities.add(present);
      serviceSum = serviceSum == null ? service : serviceSum.add(service);
      serviceModalities = serviceModalities == null ? mask : serviceModalities.add(mask);
    }
    NDArray context = activation(fusedSum.div(presentModalities.maximum(one)));
    NDArray system =
        l2Normalize(manager, context.matMul(weights.get(SYSTEM_W)).add(weights.get(SYSTEM_B)));
    // The system context is added after the service's own nonlinearity, in embedding space: one
    // shift shared by every service of the window, so services still differ from their own normal
    // by what they did themselves (what root-cause ranking needs), not by what the context did to
    // them.
    NDArray serviceContext =
        context.matMul(weights.get(CONTEXT_W)).add(weights.get(CONTEXT_B)).expandDims(1);
    NDArray serviceState = activation(serviceSum.div(serviceModalities.maximum(one)));
    NDArray services =
        l2Normalize(
                manager,
                serviceState
                    .matMul(weights.get(SERVICE_OUT_W))
                    .add(weights.get(SERVICE_OUT_B))
                    .add(serviceContext))
            .mul(serviceModalities.minimum(one));
    return new Output(system, services, modalities, presence);
  }

  /**
   * Leaky ReLU: a plain ReLU layer whose units all went negative after one large step never gets a
   * gradient again, and a dead token or context layer collapses every embedding onto one point.
   */
  private static NDArray activation(NDArray x) {
    return Activation.leakyRelu(x, LEAK);
  }

  private static NDArray w(Map<String, NDArray> weights, Modality modality, String name) {
    return weights.get(EncoderWeights.name(modality, name));
  }

  private static NDArray layerNorm(NDManager manager, NDArray x, NDArray gamma, NDArray beta) {
    NDArray mean = x.mean(new int[] {-1}, true);
    NDArray centered = x.sub(mean);
    NDArray variance = centered.square().mean(new int[] {-1}, true);
    return centered
        .div(variance.add(GraphScalar.of(manager, LAYER_NORM_EPSILON)).sqrt())
        .mul(gamma)
        .add(beta);
  }

  static NDArray l2Normalize(NDManager manager, NDArray x) {
    return x.div(
        x.square().sum(new int[] {-1}, true).maximum(GraphScalar.of(manager, NORM_EPSILON)).sqrt());
  }
}
