package dev.runtimeslicer.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Scalar constants for the training graph, held in memory PyTorch owns.
 *
 * <p>Why not {@code x.mul(2f)}: DJL's {@code Number} overloads wrap the number in a Java direct
 * buffer, hand PyTorch a tensor over that buffer and close it as soon as the operation returns.
 * Autograd has saved that tensor for the backward pass ({@code mul}, {@code div}, {@code maximum}
 * and {@code minimum} need the other operand there), so a garbage collection between forward and
 * backward frees memory the backward pass still reads: gradients came back NaN or silently wrong,
 * and two trainings with one seed ended with different weights. A tensor PyTorch allocates itself
 * is reference-counted by the graph and outlives its Java handle. Every operation in the forward
 * pass and the loss therefore takes its constants from here.
 */
final class GraphScalar {

  private GraphScalar() {}

  /** A 0-dimensional float tensor holding {@code value}, attached to {@code manager}. */
  static NDArray of(NDManager manager, float value) {
    return manager.full(new Shape(), value);
  }
}
