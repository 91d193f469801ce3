package dev.runtimeslicer.training;

import dev.runtimeslicer.model.embedding.EncoderDimensions;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * All weights of the slice encoder by name, as plain arrays: what training produces and what the
 * ONNX export writes. Linear weights are stored [in, out], so both the trainer and the graph use
 * them with a plain MatMul and no transpose.
 */
public final class EncoderWeights {

  private final Map<String, Tensor> tensors;

  public EncoderWeights(Map<String, Tensor> tensors) {
    this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
  }

  /** Names of the weights of one modality's token encoder, projection and fusion. */
  public static String name(Modality modality, String weight) {
    return modality.tensorName() + "." + weight;
  }

  // Per-modality weights.
  public static final String TOKEN_W1 = "token.w1";
  public static final String TOKEN_B1 = "token.b1";
  public static final String TOKEN_W2 = "token.w2";
  public static final String TOKEN_B2 = "token.b2";
  public static final String NORM_GAMMA = "norm.gamma";
  public static final String NORM_BETA = "norm.beta";
  public static final String PROJECTION_W = "projection.w";
  public static final String PROJECTION_B = "projection.b";
  public static final String FUSION_W = "fusion.w";
  public static final String FUSION_B = "fusion.b";
  public static final String SERVICE_W = "service.w";
  // Shared weights.
  public static final String SYSTEM_W = "system.w";
  public static final String SYSTEM_B = "system.b";
  public static final String CONTEXT_W = "context.w";
  public static final String CONTEXT_B = "context.b";
  public static final String SERVICE_OUT_W = "service_out.w";
  public static final String SERVICE_OUT_B = "service_out.b";

  /** Freshly initialized weights (Glorot-uniform matrices, zero biases, unit LayerNorm gain). */
  public static EncoderWeights initialize(
      FeatureSchema schema, EncoderDimensions dimensions, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int h = dimensions.hidden();
    int d = dimensions.embedding();
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Modality modality : Modality.values()) {
      int in = schema.width(modality);
      tensors.put(name(modality, TOKEN_W1), glorot(random, in, h));
      tensors.put(name(modality, TOKEN_B1), constant(h, 0f));
      tensors.put(name(modality, TOKEN_W2), glorot(random, h, h));
      tensors.put(name(modality, TOKEN_B2), constant(h, 0f));
      tensors.put(name(modality, NORM_GAMMA), constant(h, 1f));
      tensors.put(name(modality, NORM_BETA), constant(h, 0f));
      // Projection and fusion read the mean and the max over services side by side.
      tensors.put(name(modality, PROJECTION_W), glorot(random, 2 * h, d));
      tensors.put(name(modality, PROJECTION_B), constant(d, 0f));
      tensors.put(name(modality, FUSION_W), glorot(random, 2 * h, h));
      tensors.put(name(modality, FUSION_B), constant(h, 0f));
      tensors.put(name(modality, SERVICE_W), glorot(random, h, h));
    }
    tensors.put(SYSTEM_W, glorot(random, h, d));
    tensors.put(SYSTEM_B, constant(d, 0f));
    tensors.put(CONTEXT_W, glorot(random, h, d));
    tensors.put(CONTEXT_B, constant(d, 0f));
    tensors.put(SERVICE_OUT_W, glorot(random, h, d));
    tensors.put(SERVICE_OUT_B, constant(d, 0f));
    return new EncoderWeights(tensors);
  }

  private static Tensor glorot(SplittableRandom random, int in, int out) {
    double bound = Math.sqrt(6.0 / (in + out));
    float[] values = new float[in * out];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextDouble(-bound, bound);
    }
    return new Tensor(new long[] {in, out}, values);
  }

  private static Tensor constant(int size, float value) {
    float[] values = new float[size];
    java.util.Arrays.fill(values, value);
    return new Tensor(new long[] {size}, values);
  }

  public Tensor get(String name) {
    Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("no encoder weight named " + name);
    }
    return tensor;
  }

  /** Weights in a stable order. */
  public Map<String, Tensor> all() {
    return tensors;
  }
}
