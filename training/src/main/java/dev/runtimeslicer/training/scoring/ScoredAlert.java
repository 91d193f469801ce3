package dev.runtimeslicer.training.scoring;

import java.util.List;

/**
 * What scoring needs of an alert: when it fired and ended, the failure type it named and its
 * root-cause services, best first. {@code endsAtMs} equals {@code startsAtMs} when unknown.
 */
public record ScoredAlert(String system, long startsAtMs, long endsAtMs, String failureType, List<String> rankedServices) {

  public ScoredAlert {
    rankedServices = List.copyOf(rankedServices);
  }
}
