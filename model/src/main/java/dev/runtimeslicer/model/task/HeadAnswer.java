package dev.runtimeslicer.model.task;

import java.util.Objects;

/**
 * What one task head answers about a window: a label (a failure type, say) and how likely the head
 * holds it. A Flink POJO carried in {@link SliceAssessment#answers} under the head's name.
 */
public class HeadAnswer {
  public String label;
  public double probability;

  public HeadAnswer() {}

  public HeadAnswer(String label, double probability) {
    this.label = label;
    this.probability = probability;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HeadAnswer that
        && Objects.equals(label, that.label)
        && Double.compare(probability, that.probability) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(label, probability);
  }

  @Override
  public String toString() {
    return label + " (" + probability + ")";
  }
}
