package dev.runtimeslicer.training.scoring;

import java.util.List;

/**
 * What scoring needs of an alert: when it fired and ended, the failure type it named and its
 * root-cause services, best first. {@code firedAtMs} is the end of the window the alert fired on
 * (event time); {@code endsAtMs} equals it when unknown.
 */
public record ScoredAlert(
    String system, long firedAtMs, long endsAtMs, String failureType, List<String> rankedServices) {

  public ScoredAlert {
    rankedServices = List.copyOf(rankedServices);
  }
}
