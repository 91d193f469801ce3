package dev.runtimeslicer.training;

import java.util.Arrays;

/** A named weight's shape and values (row-major), detached from any engine. */
public record Tensor(long[] shape, float[] values) {

  public Tensor {
    long elements = 1;
    for (long dimension : shape) {
      elements *= dimension;
    }
    if (elements != values.length) {
      throw new IllegalArgumentException(
          "shape "
              + Arrays.toString(shape)
              + " needs "
              + elements
              + " values, got "
              + values.length);
    }
    shape = shape.clone();
    values = values.clone();
  }

  @Override
  public long[] shape() {
    return shape.clone();
  }

  @Override
  public float[] values() {
    return values.clone();
  }
}
