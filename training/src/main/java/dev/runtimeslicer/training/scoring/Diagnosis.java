package dev.runtimeslicer.training.scoring;

import dev.runtimeslicer.model.format.FaultLabel;
import java.util.List;

/**
 * A method's answer for one fault: the failure type it names and its root-cause services, best
 * first.
 */
public record Diagnosis(FaultLabel fault, String predictedType, List<String> rankedServices) {

  public Diagnosis {
    rankedServices = List.copyOf(rankedServices);
  }
}
