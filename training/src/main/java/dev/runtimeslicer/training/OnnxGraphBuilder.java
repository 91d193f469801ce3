package dev.runtimeslicer.training;

import ai.onnx.proto.OnnxMl.AttributeProto;
import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.OperatorSetIdProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorShapeProto;
import ai.onnx.proto.OnnxMl.TypeProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A small helper over the ONNX protobuf classes: adds float inputs and outputs, initializers and
 * nodes with fresh intermediate names, and wraps the graph into a model.
 */
final class OnnxGraphBuilder {

  /** ONNX IR version that goes with opset 17. */
  private static final long IR_VERSION = 8;

  private static final int FLOAT_BYTES = Float.BYTES;

  private final GraphProto.Builder graph = GraphProto.newBuilder();
  private int counter;

  OnnxGraphBuilder(String name) {
    graph.setName(name);
  }

  /**
   * Declares a float input or output; a dimension is a fixed size (Long) or a symbolic name
   * (String).
   */
  private static ValueInfoProto value(String name, Object... dims) {
    TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
    for (Object dim : dims) {
      TensorShapeProto.Dimension.Builder d = TensorShapeProto.Dimension.newBuilder();
      if (dim instanceof String symbol) {
        d.setDimParam(symbol);
      } else {
        d.setDimValue(((Number) dim).longValue());
      }
      shape.addDim(d);
    }
    return ValueInfoProto.newBuilder()
        .setName(name)
        .setType(
            TypeProto.newBuilder()
                .setTensorType(
                    TypeProto.Tensor.newBuilder()
                        .setElemType(TensorProto.DataType.FLOAT_VALUE)
                        .setShape(shape)))
        .build();
  }

  void input(String name, Object... dims) {
    graph.addInput(value(name, dims));
  }

  void output(String name, Object... dims) {
    graph.addOutput(value(name, dims));
  }

  /** A float initializer; returns its name. */
  String floats(String name, long[] shape, float[] values) {
    ByteBuffer bytes =
        ByteBuffer.allocate(values.length * FLOAT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(values);
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.FLOAT_VALUE)
            .setRawData(ByteString.copyFrom(bytes.array()));
    for (long dim : shape) {
      tensor.addDims(dim);
    }
    graph.addInitializer(tensor);
    return name;
  }

  /** A scalar float initializer. */
  String scalar(String name, float value) {
    return floats(name, new long[0], new float[] {value});
  }

  /** A 1-D int64 initializer (axes for ReduceSum and Unsqueeze). */
  String longs(String name, long... values) {
    TensorProto.Builder tensor =
        TensorProto.newBuilder()
            .setName(name)
            .setDataType(TensorProto.DataType.INT64_VALUE)
            .addDims(values.length);
    for (long value : values) {
      tensor.addInt64Data(value);
    }
    graph.addInitializer(tensor);
    return name;
  }

  /** Adds a node with one output, named {@code output} or a fresh name when null; returns it. */
  String node(String op, String output, String[] inputs, AttributeProto... attributes) {
    String out = output != null ? output : op.toLowerCase() + "_" + counter++;
    NodeProto.Builder node =
        NodeProto.newBuilder().setOpType(op).setName(out + "_node").addOutput(out);
    for (String input : inputs) {
      node.addInput(input);
    }
    for (AttributeProto attribute : attributes) {
      node.addAttribute(attribute);
    }
    graph.addNode(node);
    return out;
  }

  String node(String op, String... inputs) {
    return node(op, null, inputs);
  }

  static AttributeProto intAttribute(String name, long value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.INT)
        .setI(value)
        .build();
  }

  static AttributeProto intsAttribute(String name, long... values) {
    AttributeProto.Builder attribute =
        AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
    for (long value : values) {
      attribute.addInts(value);
    }
    return attribute.build();
  }

  static AttributeProto floatAttribute(String name, float value) {
    return AttributeProto.newBuilder()
        .setName(name)
        .setType(AttributeProto.AttributeType.FLOAT)
        .setF(value)
        .build();
  }

  byte[] toModel(int opset, String producer) {
    return ModelProto.newBuilder()
        .setIrVersion(IR_VERSION)
        .setProducerName(producer)
        .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset))
        .setGraph(graph)
        .build()
        .toByteArray();
  }
}
