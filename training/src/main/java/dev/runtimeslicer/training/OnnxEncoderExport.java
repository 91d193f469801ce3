package dev.runtimeslicer.training;

import static dev.runtimeslicer.training.EncoderWeights.*;

import dev.runtimeslicer.model.embedding.EncoderDimensions;
import dev.runtimeslicer.model.embedding.EncoderSignature;
import dev.runtimeslicer.model.embedding.FeatureSchema;
import dev.runtimeslicer.model.embedding.Modality;

/**
 * Writes trained encoder weights as an ONNX graph (opset 17) computing exactly what {@link
 * EncoderForward} computes; inputs and outputs are named by {@link EncoderSignature} and {@link
 * Modality}, with symbolic batch and service dimensions.
 */
public final class OnnxEncoderExport {

  private static final String BATCH = "batch";
  private static final String SERVICES = "services";
  private static final String PRODUCER = "runtimeslicer-training";

  private OnnxEncoderExport() {}

  /** The serialized ONNX model. */
  public static byte[] export(
      EncoderWeights weights, FeatureSchema schema, EncoderDimensions dimensions) {
    OnnxGraphBuilder g = new OnnxGraphBuilder("slice_encoder");
    for (var entry : weights.all().entrySet()) {
      g.floats(entry.getKey(), entry.getValue().shape(), entry.getValue().values());
    }
    String one = g.scalar("one", 1f);
    String normEpsilon = g.scalar("norm_epsilon", EncoderForward.NORM_EPSILON);
    String absentOffset = g.scalar("absent_offset", EncoderForward.ABSENT_OFFSET);
    String axisServices = g.longs("axis_services", 1);
    String axisLast = g.longs("axis_last", 2);
    String axisFeatures = g.longs("axis_features", -1);
    String hiddenWidth = g.longs("hidden_width", dimensions.hidden());

    String fusedSum = null;
    String presentModalities = null;
    String serviceSum = null;
    String serviceModalities = null;
    String[] modalityOutputs = new String[Modality.values().length];
    for (Modality m : Modality.values()) {
      g.input(m.tensorName(), BATCH, SERVICES, (long) schema.width(m));
      g.input(m.maskName(), BATCH, SERVICES);
      String mask = g.node("Unsqueeze", m.maskName(), axisLast);
      // The token MLP runs on the tokens as one [batch * services, width] matrix, so Gemm adds the
      // bias in its own pass over the output; MatMul on the 3-D tensor needed a separate Add over
      // every token (ONNX Runtime's profiler: 4% less kernel time per batch).
      String rows =
          g.node("Reshape", m.tensorName(), g.longs(m.tensorName() + "_rows", -1, schema.width(m)));
      String hidden = activation(g, g.node("Gemm", rows, name(m, TOKEN_W1), name(m, TOKEN_B1)));
      String preNorm = g.node("Gemm", hidden, name(m, TOKEN_W2), name(m, TOKEN_B2));
      // LayerNormalization over the last (feature) axis only, like EncoderForward.
      String normalized =
          g.node(
              "LayerNormalization",
              null,
              new String[] {preNorm, name(m, NORM_GAMMA), name(m, NORM_BETA)},
              OnnxGraphBuilder.intAttribute("axis", -1),
              OnnxGraphBuilder.floatAttribute("epsilon", EncoderForward.LAYER_NORM_EPSILON));
      String tokenShape =
          g.node(
              "Concat",
              null,
              new String[] {g.node("Shape", m.maskName()), hiddenWidth},
              OnnxGraphBuilder.intAttribute("axis", 0));
      String token = g.node("Reshape", normalized, tokenShape);
      String masked = g.node("Mul", token, mask);
      String count = reduceSum(g, mask, axisServices, false);
      String present = g.node("Min", count, one);
      String mean =
          g.node("Div", reduceSum(g, masked, axisServices, false), g.node("Max", count, one));
      String offset = g.node("Mul", g.node("Sub", mask, one), absentOffset);
      String max =
          g.node(
              "Mul",
              g.node(
                  "ReduceMax",
                  null,
                  new String[] {g.node("Add", token, offset)},
                  OnnxGraphBuilder.intsAttribute("axes", 1),
                  OnnxGraphBuilder.intAttribute("keepdims", 0)),
              present);
      String pooled =
          g.node(
              "Concat", null, new String[] {mean, max}, OnnxGraphBuilder.intAttribute("axis", -1));
      String projected =
          g.node("Add", g.node("MatMul", pooled, name(m, PROJECTION_W)), name(m, PROJECTION_B));
      String modality =
          g.node("Mul", l2Normalize(g, projected, axisFeatures, normEpsilon), present);
      modalityOutputs[m.ordinal()] = g.node("Unsqueeze", modality, axisServices);
      String fused =
          g.node(
              "Mul",
              g.node("Add", g.node("MatMul", pooled, name(m, FUSION_W)), name(m, FUSION_B)),
              present);
      String service = g.node("MatMul", masked, name(m, SERVICE_W));
      fusedSum = fusedSum == null ? fused : g.node("Add", fusedSum, fused);
      presentModalities =
          presentModalities == null ? present : g.node("Add", presentModalities, present);
      serviceSum = serviceSum == null ? service : g.node("Add", serviceSum, service);
      serviceModalities = serviceModalities == null ? mask : g.node("Add", serviceModalities, mask);
    }
    String context = activation(g, g.node("Div", fusedSum, g.node("Max", presentModalities, one)));
    String system = g.node("Add", g.node("MatMul", context, SYSTEM_W), SYSTEM_B);
    g.node(
        "Div",
        EncoderSignature.SYSTEM,
        new String[] {system, norm(g, system, axisFeatures, normEpsilon)});
    String serviceContext =
        g.node(
            "Unsqueeze",
            g.node("Add", g.node("MatMul", context, CONTEXT_W), CONTEXT_B),
            axisServices);
    String serviceState =
        activation(g, g.node("Div", serviceSum, g.node("Max", serviceModalities, one)));
    String services =
        l2Normalize(
            g,
            g.node(
                "Add",
                g.node("Add", g.node("MatMul", serviceState, SERVICE_OUT_W), SERVICE_OUT_B),
                serviceContext),
            axisFeatures,
            normEpsilon);
    g.node(
        "Mul",
        EncoderSignature.SERVICES,
        new String[] {services, g.node("Min", serviceModalities, one)});
    g.node(
        "Concat",
        EncoderSignature.MODALITIES,
        modalityOutputs,
        OnnxGraphBuilder.intAttribute("axis", 1));

    long d = dimensions.embedding();
    g.output(EncoderSignature.SYSTEM, BATCH, d);
    g.output(EncoderSignature.SERVICES, BATCH, SERVICES, d);
    g.output(EncoderSignature.MODALITIES, BATCH, (long) Modality.values().length, d);
    return g.toModel(EncoderSignature.OPSET, PRODUCER);
  }

  private static String activation(OnnxGraphBuilder g, String x) {
    return g.node(
        "LeakyRelu",
        null,
        new String[] {x},
        OnnxGraphBuilder.floatAttribute("alpha", EncoderForward.LEAK));
  }

  private static String reduceSum(OnnxGraphBuilder g, String x, String axes, boolean keepDims) {
    return g.node(
        "ReduceSum",
        null,
        new String[] {x, axes},
        OnnxGraphBuilder.intAttribute("keepdims", keepDims ? 1 : 0));
  }

  /** sqrt(max(sum(x^2), eps)) over the last axis, kept as a size-1 axis. */
  private static String norm(OnnxGraphBuilder g, String x, String axisFeatures, String epsilon) {
    return g.node(
        "Sqrt", g.node("Max", reduceSum(g, g.node("Mul", x, x), axisFeatures, true), epsilon));
  }

  private static String l2Normalize(
      OnnxGraphBuilder g, String x, String axisFeatures, String epsilon) {
    return g.node("Div", x, norm(g, x, axisFeatures, epsilon));
  }
}
